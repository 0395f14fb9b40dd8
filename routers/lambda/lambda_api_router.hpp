#pragma once
// The AWS Lambda API (rest-json) on the edge port: every dated Lambda path (/2015-03-31/functions, ...)
// and SigV4 requests scoped to "lambda". Routes live in routes.cpp, handlers in one file per resource,
// wire shapes in the codec files; this class only dispatches and renders errors the way Lambda does:
// header x-amzn-ErrorType plus a JSON body with "Type" and "message" (or "Message" for the errors AWS
// models that way, control-plane.md §1).

#include "routers/http/route_table.hpp"
#include "routers/http/router.hpp"
#include "routers/lambda/context.hpp"

namespace lemu::routers::lambda {

// Body limits: a base64 ZipFile of up to 50 MB fits in AWS's 70167211-byte request limit.
inline constexpr std::size_t kCodeBodyLimit = 70'167'211;
inline constexpr std::size_t kJsonBodyLimit = 6 * 1024 * 1024;

class LambdaApiRouter final : public http::Router {
  public:
    explicit LambdaApiRouter(LambdaContext context);

    std::string_view name() const override { return "lambda"; }
    bool matches(const http::Request& head) const override;
    std::size_t body_limit(const http::Request& head) const override;
    AwsError body_too_large(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

    // For handlers added later (Invoke, durable executions): their routes go in routes.cpp.
    http::RouteTable& routes() { return routes_; }
    LambdaContext& context() { return context_; }

  private:
    LambdaContext context_;
    http::RouteTable routes_;
};

// Fills the route table (routes.cpp).
void add_routes(http::RouteTable& table, LambdaContext& context);

}  // namespace lemu::routers::lambda
