#pragma once
// A protocol adapter on the edge port (Lambda API, SQS, S3, API Gateway, admin) or on an execution
// environment's endpoint (the Runtime API). Routers are stateless translators over domain services.

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <string_view>

#include "emulator/core/aws_error.hpp"
#include "routers/http/request.hpp"
#include "routers/http/response.hpp"

namespace lemu::http {

inline constexpr std::size_t kDefaultBodyLimit = 8 * 1024 * 1024;

class Router {
public:
    virtual ~Router() = default;

    virtual std::string_view name() const = 0;
    // Decides from the request line and headers alone; the body is never parsed to route.
    virtual bool matches(const Request& head) const = 0;
    // Largest body this request may carry; a larger one is answered with body_too_large().
    virtual std::size_t body_limit(const Request& head) const {
        (void)head;
        return kDefaultBodyLimit;
    }
    virtual AwsError body_too_large(const Request& head) const;
    virtual boost::asio::awaitable<Response> handle(Request& request) = 0;
    // Renders an error in this router's protocol (rest-json, JSON 1.0, REST-XML, Runtime API).
    virtual Response render(const AwsError& error, const Request& request) const = 0;
};

}  // namespace lemu::http
