#pragma once
// One call of a REST method's Lambda proxy integration, shared by the data plane and
// TestInvokeMethod: builds the payload 1.0 event, invokes the exact function ARN as
// apigateway.amazonaws.com with the method's SourceArn (or as the integration's `credentials`
// identity), maps the result, and keeps API Gateway's
// execution log (the lines TestInvokeMethod returns; sources.md fact 54).

#include <boost/asio/awaitable.hpp>
#include <map>
#include <string>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "sources/apigateway/proxy_request.hpp"
#include "sources/apigateway/proxy_response_mapper.hpp"
#include "sources/apigateway/rest_api.hpp"

namespace lemu::routers::apigateway {

struct RestIntegrationCall {
    std::string api_id;
    std::string stage;                                        // a deployed stage, or "test-invoke-stage"
    const sources::apigateway::Resource* resource = nullptr;  // kept alive by the caller
    const sources::apigateway::Method* method = nullptr;
    std::map<std::string, std::string> path_parameters;
    std::map<std::string, std::string> stage_variables;
    std::vector<std::string> binary_media_types;
    sources::apigateway::ProxyRequest request;  // raw_path is the path after the stage
    sources::apigateway::EventContext event;    // pre-filled identity of the request (ids, domain)
    // Write the whole execution log (TestInvokeMethod). The data plane only needs the failure line,
    // so it skips formatting lines nobody reads.
    bool keep_log = false;
};

struct RestIntegrationResult {
    sources::apigateway::ProxyResponse response;  // the function's, or a gateway error
    std::vector<std::string> log;                 // execution log lines, oldest first (failure only
                                                  // unless keep_log)
    std::string failure;                          // the "Execution failed ..." line, if any
    std::string function_arn;                     // as invoked, stage variables substituted
    std::string source_arn;
    std::int64_t latency_ms = 0;
};

boost::asio::awaitable<RestIntegrationResult> run_rest_integration(RestIntegrationCall call,
                                                                   invoke::FunctionInvoker* invoker,
                                                                   const AccountRegion& home, Clock& clock);

}  // namespace lemu::routers::apigateway
