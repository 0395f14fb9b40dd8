#pragma once
// The URL forms that reach an API's data plane on lemu's edge port (sources.md §5.G):
//   /_aws/execute-api/API_ID/STAGE/PATH             (HTTP APIs with a $default stage:
//   /_aws/execute-api/API_ID/PATH) /restapis/API_ID/STAGE/_user_request_/PATH      (REST, LocalStack's legacy
//   form) Host: API_ID.execute-api.ANYTHING               (then the request path is /STAGE/PATH or /PATH)

#include <optional>
#include <string>

#include "routers/http/request.hpp"

namespace lemu::routers::apigateway {

struct ExecuteTarget {
    std::string api_id;
    std::optional<std::string> stage;  // set only by the _user_request_ form
    std::string path;                  // raw, starting with '/': "/prod/items" (or "/items" with `stage`)
};

std::optional<ExecuteTarget> parse_execute_target(const http::Request& head);

// "/prod/items/1" → {"prod", "/items/1"}; "/prod" → {"prod", "/"}; "/" → {"", "/"}.
std::pair<std::string, std::string> split_first_segment(const std::string& path);

}  // namespace lemu::routers::apigateway
