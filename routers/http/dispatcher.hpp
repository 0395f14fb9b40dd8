#pragma once
// Chooses the router for each request and owns the cross-cutting concerns (DESIGN.md §5): the request
// id, turning AwsError into the router's protocol shape, turning any other exception into a 500
// ServiceException, and one access-log line per request.

#include <boost/asio/awaitable.hpp>

#include <vector>

#include "emulator/core/random.hpp"
#include "routers/http/router.hpp"

namespace lemu::http {

class Dispatcher {
public:
    explicit Dispatcher(Random& random) : random_(random) {}

    // Public-port routers, tried in the order added.
    void add(Router& router) { public_routers_.push_back(&router); }
    // The router for connections tagged with an execution environment (the Runtime API).
    void set_environment_router(Router& router) { environment_router_ = &router; }

    Router* route(const Request& head) const;
    std::size_t body_limit(const Request& head) const;
    // The answer for a request whose body exceeded body_limit().
    Response body_too_large(Request& head) const;
    boost::asio::awaitable<Response> dispatch(Request& request) const;

private:
    Response render(const Router* router, const AwsError& error, const Request& request) const;

    Random& random_;
    std::vector<Router*> public_routers_;
    Router* environment_router_ = nullptr;
};

}  // namespace lemu::http
