#include "routers/admin/admin_router.hpp"

#include <nlohmann/json.hpp>

namespace lemu::routers::admin {

namespace {
constexpr std::string_view kPrefix = "/_lemu/";
}

AdminRouter::AdminRouter(std::string version) : version_(std::move(version)) {}

void AdminRouter::add_report(const std::string& name, Report report) { reports_[name] = std::move(report); }

bool AdminRouter::matches(const http::Request& head) const { return head.path.starts_with(kPrefix); }

boost::asio::awaitable<http::Response> AdminRouter::handle(http::Request& request) {
    std::string_view what = std::string_view(request.path).substr(kPrefix.size());
    if (request.method == "GET" && what == "health") {
        co_return http::Response::json(200, nlohmann::json{{"status", "ok"}, {"version", version_}}.dump());
    }
    if (auto it = reports_.find(what); request.method == "GET" && it != reports_.end()) {
        co_return http::Response::json(200, it->second(request.query_params()).dump());
    }
    throw AwsError(ErrorCode::UnknownOperation, "Unknown lemu endpoint: " + request.path);
}

http::Response AdminRouter::render(const AwsError& error, const http::Request&) const {
    http::Response r = http::Response::json(error.http_status(),
                                            nlohmann::json{{"error", error.name()}, {"message", error.message()}}.dump());
    r.headers.set("x-amzn-ErrorType", std::string(error.name()));
    return r;
}

}  // namespace lemu::routers::admin
