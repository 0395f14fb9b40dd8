#pragma once
// The single listener object (DESIGN.md §5): the public edge port plus one loopback endpoint per
// execution environment. Every connection is tagged with the endpoint it arrived on and served by the
// same session code through the Dispatcher. Beast stays inside http_server.cpp.

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace lemu::http {

class Dispatcher;

struct HttpServerOptions {
    std::chrono::seconds idle_timeout{60};  // a keep-alive connection waiting for its next request
    std::chrono::seconds io_timeout{30};    // reading one request, writing one response
    std::size_t header_limit = 64 * 1024;
};

class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, const Dispatcher& dispatcher, HttpServerOptions options = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts the public listener; returns the bound port. Throws std::system_error.
    std::uint16_t listen(const std::string& host, std::uint16_t port);
    // Opens 127.0.0.1:0 for connections tagged `tag`; returns the port. Throws std::system_error.
    std::uint16_t open_endpoint(const std::string& tag);
    // Stops accepting on that endpoint. Connections already open end when their peer goes away.
    void close_endpoint(const std::string& tag);
    // Closes every listener (no new connections); idempotent.
    void stop_accepting();

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace lemu::http
