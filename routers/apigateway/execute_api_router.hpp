#pragma once
// The API Gateway data plane on the edge port: serves deployed REST API stages and HTTP API stages
// by invoking their Lambda proxy integrations through the FunctionInvoker (DESIGN.md §8).
//
// For each request it resolves the stage and route, substitutes stage variables into the
// integration URI (so `fn:${stageVariables.alias}` picks the qualifier), builds the payload 1.0 or
// 2.0 event and invokes the exact ARN as Caller{apigateway.amazonaws.com, SourceArn, account}. The
// Invoker decides whether the resource policy admits the call; this router never resolves aliases.
//
//   REST: no stage/resource/method → 403 Missing Authentication Token; denied or unknown function
//         → 500 {"message": "Internal server error"}; function error or malformed result → 502.
//   HTTP: no stage/route → 404 {"message":"Not Found"}; any integration failure → 500
//         {"message":"Internal Server Error"}.

#include <cstddef>
#include <string_view>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "routers/apigateway/execute_target.hpp"
#include "routers/http/router.hpp"
#include "sources/apigateway/http_api_store.hpp"
#include "sources/apigateway/rest_api_store.hpp"

namespace lemu::routers::apigateway {

// API Gateway's request payload quota.
inline constexpr std::size_t kExecuteApiBodyLimit = 10 * 1024 * 1024;

class ExecuteApiRouter final : public http::Router {
  public:
    // `invoker` may be null until the Invoker is wired; requests then fail as an unreachable backend.
    ExecuteApiRouter(sources::apigateway::RestApiStore& rest, sources::apigateway::HttpApiStore& http,
                     invoke::FunctionInvoker* invoker, Clock& clock, Random& random);

    std::string_view name() const override { return "execute-api"; }
    bool matches(const http::Request& head) const override;
    std::size_t body_limit(const http::Request&) const override { return kExecuteApiBodyLimit; }
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

  private:
    boost::asio::awaitable<http::Response> serve_rest(http::Request& request, const ExecuteTarget& target);
    boost::asio::awaitable<http::Response> serve_http(http::Request& request, const ExecuteTarget& target);

    sources::apigateway::RestApiStore& rest_;
    sources::apigateway::HttpApiStore& http_;
    invoke::FunctionInvoker* invoker_;
    Clock& clock_;
    Random& random_;
};

}  // namespace lemu::routers::apigateway
