#pragma once
// Percent-decoding for request paths and query strings as API Gateway presents them to functions.
// Thin names over emulator/core/percent_encoding, which the HTTP layer shares.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::sources::apigateway {

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' '. A malformed escape is kept verbatim,
// as API Gateway passes such bytes through rather than rejecting the request.
std::string url_decode(std::string_view text, bool plus_is_space);

// `a=1&a=2&b` → {{"a","1"},{"a","2"},{"b",""}}, form-decoded ('+' is a space), in request order.
std::vector<std::pair<std::string, std::string>> decode_query(std::string_view raw_query);

// Path segments of a raw path: "/a/b/" → {"a","b"} (one trailing slash ignored), "/" → {}.
std::vector<std::string_view> path_segments(std::string_view raw_path);

}  // namespace lemu::sources::apigateway
