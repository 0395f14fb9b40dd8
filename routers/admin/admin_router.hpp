#pragma once
// lemu's own endpoints under /_lemu/: health, and the registry of reports (denials, ...) that other
// parts contribute as JSON documents.

#include <functional>
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "routers/http/route_table.hpp"
#include "routers/http/router.hpp"

namespace lemu::routers::admin {

class AdminRouter final : public http::Router {
public:
    // A report answers GET /_lemu/<name>; it receives the decoded query parameters.
    using Report = std::function<nlohmann::json(const http::QueryParams&)>;

    explicit AdminRouter(std::string version);
    void add_report(const std::string& name, Report report);

    std::string_view name() const override { return "admin"; }
    bool matches(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

private:
    std::string version_;
    std::map<std::string, Report, std::less<>> reports_;
};

}  // namespace lemu::routers::admin
