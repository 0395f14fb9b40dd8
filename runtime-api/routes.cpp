// Every Runtime API route (runtime.md §1.A). Request-id validation happens in the environment before
// any state transition, as in RIE's router.go.

#include "emulator/invoke/limits.hpp"
#include "runtime-api/runtime_api_router.hpp"

namespace lemu::runtime_api {

http::RouteTable runtime_routes(RuntimeApiRouter& r) {
    http::RouteTable table;
    table.add({"GET", "/2018-06-01/runtime/invocation/next", [&r](http::Request& q) { return r.next(q); }, 0,
               "", "Next"});
    table.add({"POST", "/2018-06-01/runtime/invocation/{AwsRequestId}/response",
               [&r](http::Request& q) { return r.response(q); }, invoke::kMaxResponseBytes, "", "Response"});
    table.add({"POST", "/2018-06-01/runtime/invocation/{AwsRequestId}/error",
               [&r](http::Request& q) { return r.error(q); }, 0, "", "Error"});
    table.add({"POST", "/2018-06-01/runtime/init/error", [&r](http::Request& q) { return r.init_error(q); },
               0, "", "InitError"});
    table.add({"GET", "/2018-06-01/ping", [&r](http::Request& q) { return r.ping(q); }, 0, "", "Ping"});
    return table;
}

}  // namespace lemu::runtime_api
