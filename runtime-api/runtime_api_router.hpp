#pragma once
// The Lambda Runtime API (2018-06-01) served on each execution environment's own endpoint
// (DESIGN.md §7, runtime.md §1.A). A thin translator: it finds the environment behind the
// connection's endpoint tag, validates the wire (request id, body size, response mode) and renders
// the environment's answer exactly as RIE does. All state lives in the environment.

#include "routers/http/route_table.hpp"
#include "routers/http/router.hpp"
#include "runtime-api/channel_directory.hpp"

namespace lemu::runtime_api {

class RuntimeApiRouter final : public http::Router {
public:
    explicit RuntimeApiRouter(const ChannelDirectory& directory);

    std::string_view name() const override { return "runtime-api"; }
    // Only connections on environment endpoints reach this router (the Dispatcher routes by tag).
    bool matches(const http::Request&) const override { return true; }
    std::size_t body_limit(const http::Request& head) const override;
    // An oversized /response: the invocation fails with Function.ResponseSizeTooLarge, the runtime
    // gets 413 RequestEntityTooLarge (after the request-id and state checks) and the environment stays.
    AwsError body_too_large(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

private:
    friend http::RouteTable runtime_routes(RuntimeApiRouter& router);

    boost::asio::awaitable<http::Response> next(http::Request& request);
    boost::asio::awaitable<http::Response> response(http::Request& request);
    boost::asio::awaitable<http::Response> error(http::Request& request);
    boost::asio::awaitable<http::Response> init_error(http::Request& request);
    boost::asio::awaitable<http::Response> ping(http::Request& request);

    const ChannelDirectory& directory_;
    http::RouteTable routes_;
};

// The route table (routes.cpp), listed on one screen like RIE's router.go.
http::RouteTable runtime_routes(RuntimeApiRouter& router);

}  // namespace lemu::runtime_api
