#include "routers/apigateway/execute_target.hpp"

#include <algorithm>

#include "emulator/core/text.hpp"

namespace lemu::routers::apigateway {
namespace {

constexpr std::string_view kExecutePrefix = "/_aws/execute-api/";
constexpr std::string_view kUserRequest = "_user_request_";

bool valid_api_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](char c) { return is_alnum(c); });
}

std::string with_slash(std::string_view rest) {
    return rest.starts_with('/') ? std::string(rest) : "/" + std::string(rest);
}

}  // namespace

std::pair<std::string, std::string> split_first_segment(const std::string& path) {
    std::string_view rest = path;
    if (rest.starts_with('/')) {
        rest.remove_prefix(1);
    }
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
        return {std::string(rest), "/"};
    }
    return {std::string(rest.substr(0, slash)), std::string(rest.substr(slash))};
}

std::optional<ExecuteTarget> parse_execute_target(const http::Request& head) {
    std::string_view path = head.path;
    if (path.starts_with(kExecutePrefix)) {
        std::string_view rest = path.substr(kExecutePrefix.size());
        std::size_t slash = rest.find('/');
        std::string_view api = rest.substr(0, slash);
        if (!valid_api_id(api)) {
            return std::nullopt;
        }
        return ExecuteTarget{std::string(api), std::nullopt,
                             slash == std::string_view::npos ? "/" : std::string(rest.substr(slash))};
    }
    if (path.starts_with("/restapis/")) {
        // /restapis/API/STAGE/_user_request_[/PATH]
        std::vector<std::string_view> parts = split(path.substr(1), '/');
        if (parts.size() >= 4 && parts[3] == kUserRequest && valid_api_id(parts[1]) && !parts[2].empty()) {
            std::size_t at = path.find(kUserRequest) + kUserRequest.size();
            return ExecuteTarget{std::string(parts[1]), std::string(parts[2]), with_slash(path.substr(at))};
        }
        return std::nullopt;
    }
    if (auto host = head.header("Host")) {
        std::size_t dot = host->find(".execute-api.");
        if (dot != std::string_view::npos && valid_api_id(host->substr(0, dot))) {
            return ExecuteTarget{std::string(host->substr(0, dot)), std::nullopt, with_slash(path)};
        }
    }
    return std::nullopt;
}

}  // namespace lemu::routers::apigateway
