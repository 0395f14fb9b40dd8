#pragma once
// Percent-decoding and query strings, as AWS SDKs encode them.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::http {

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (form encoding). nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);
// RFC 3986 unreserved characters are kept; everything else becomes %XX (uppercase hex).
std::string percent_encode(std::string_view text, bool keep_slash = false);

using QueryParams = std::vector<std::pair<std::string, std::string>>;
// Parses `a=1&b=&c` into decoded pairs (a key without '=' has an empty value).
QueryParams parse_query(std::string_view query);

}  // namespace lemu::http
