#pragma once
// A Lambda proxy integration's result → the HTTP response API Gateway sends (sources.md §5.E).
//
// Payload 1.0 (REST, HTTP API 1.0): the result must be a JSON object whose keys are among
// statusCode, headers, multiValueHeaders, body, isBase64Encoded; statusCode may be a number or a
// numeric string (default 200); header values may be strings, numbers or booleans; every value of
// multiValueHeaders must be a list; body must be a string (or absent). Anything else is malformed
// (REST answers 502). Headers and multiValueHeaders of one name are both sent, the name cased as
// first seen. Content-Type defaults to application/json.
//
// Payload 2.0 (HTTP API 2.0): an object with statusCode is read like 1.0 plus `cookies` (one
// Set-Cookie each); any other JSON value is a 200 application/json response whose body is the
// value re-serialised compactly, or the string itself for a JSON string.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::sources::apigateway {

struct ProxyResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;  // in order; a name may repeat
    std::string body;                                          // bytes (decoded when base64 applied)
};

struct MappedResult {
    std::optional<ProxyResponse> response;  // empty: the result was malformed
    std::string problem;                    // why, for the log
};

// `decode_base64`: honour isBase64Encoded (HTTP APIs always; REST only for binary media types).
MappedResult map_v1_result(std::string_view payload, bool decode_base64);
MappedResult map_v2_result(std::string_view payload);

}  // namespace lemu::sources::apigateway
