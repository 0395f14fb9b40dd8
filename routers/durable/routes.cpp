// Every route of the durable-execution API on one screen.

#include "routers/durable/durable_api_router.hpp"

namespace lemu::routers::durable {
namespace {

using Method = http::Response (DurableApiRouter::*)(http::Request&);

http::Handler bind(DurableApiRouter& router, Method method) {
    return [&router, method](http::Request& request) -> boost::asio::awaitable<http::Response> {
        co_return (router.*method)(request);
    };
}

}  // namespace

http::RouteTable durable_routes(DurableApiRouter& r) {
    constexpr std::string_view kExecution = "/2025-12-01/durable-executions/{DurableExecutionArn}";
    constexpr std::string_view kCallback = "/2025-12-01/durable-execution-callbacks/{CallbackId}";
    std::string execution(kExecution);
    std::string callback(kCallback);
    http::RouteTable t;
    t.add({"POST", execution + "/checkpoint", bind(r, &DurableApiRouter::checkpoint), 0, "",
           "CheckpointDurableExecution"});
    t.add({"GET", execution + "/state", bind(r, &DurableApiRouter::get_state), 0, "", "GetDurableExecutionState"});
    t.add({"GET", execution + "/history", bind(r, &DurableApiRouter::get_history), 0, "",
           "GetDurableExecutionHistory"});
    t.add({"POST", execution + "/stop", bind(r, &DurableApiRouter::stop), 0, "", "StopDurableExecution"});
    t.add({"GET", execution, bind(r, &DurableApiRouter::get_execution), 0, "", "GetDurableExecution"});
    t.add({"POST", callback + "/succeed", bind(r, &DurableApiRouter::callback_success), 0, "",
           "SendDurableExecutionCallbackSuccess"});
    t.add({"POST", callback + "/fail", bind(r, &DurableApiRouter::callback_failure), 0, "",
           "SendDurableExecutionCallbackFailure"});
    t.add({"POST", callback + "/heartbeat", bind(r, &DurableApiRouter::callback_heartbeat), 0, "",
           "SendDurableExecutionCallbackHeartbeat"});
    t.add({"GET", "/2025-12-01/functions/{FunctionName}/durable-executions",
           bind(r, &DurableApiRouter::list_by_function), 0, "", "ListDurableExecutionsByFunction"});
    return t;
}

}  // namespace lemu::routers::durable
