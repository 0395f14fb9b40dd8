#pragma once
// Percent-encoding and query strings as AWS SDKs write them and API Gateway presents them, shared by
// the HTTP layer and the event sources.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu {

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (form encoding). nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);
// The same, but a malformed escape is kept verbatim (API Gateway passes such bytes through).
std::string percent_decode_lenient(std::string_view text, bool plus_is_space = false);
// RFC 3986 unreserved characters are kept; everything else becomes %XX (uppercase hex).
std::string percent_encode(std::string_view text, bool keep_slash = false);
// Letters and digits, the bytes in `safe` kept as they are; with `space_as_plus` ' ' becomes '+' (form
// style, e.g. java.net.URLEncoder's as S3 event keys use it); every other byte becomes %XX.
std::string percent_encode_except(std::string_view text, std::string_view safe, bool space_as_plus = false);

using QueryParams = std::vector<std::pair<std::string, std::string>>;
// `a=1&a=2&b` → {{"a","1"},{"a","2"},{"b",""}}: form-decoded, in request order, malformed escapes kept.
QueryParams parse_query(std::string_view query);

}  // namespace lemu
