#pragma once
// The durable-execution API of Lambda (rest-json, paths under /2025-12-01/): Checkpoint,
// GetDurableExecutionState, GetDurableExecution, GetDurableExecutionHistory,
// ListDurableExecutionsByFunction, StopDurableExecution and the three callback operations. A thin
// translator over DurableExecutionStore; the store tells the runner what changed.
//
// Register it before any router that claims every SigV4 `lambda` request.

#include <functional>

#include "emulator/core/account_region.hpp"
#include "emulator/core/function_ref.hpp"
#include "emulator/durable/durable_execution_store.hpp"
#include "routers/http/route_table.hpp"
#include "routers/http/router.hpp"

namespace lemu::routers::durable {

class DurableApiRouter final : public http::Router {
public:
    // Checks that the function of ListDurableExecutionsByFunction exists; throws
    // ResourceNotFoundException when it does not. Without one, every name lists what it has.
    using FunctionCheck = std::function<void(const FunctionRef&)>;

    DurableApiRouter(lemu::durable::DurableExecutionStore& store, AccountRegion home);
    void set_function_check(FunctionCheck check) { function_check_ = std::move(check); }

    std::string_view name() const override { return "durable"; }
    bool matches(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

    // One handler per operation (routes.cpp binds them).
    http::Response checkpoint(http::Request& request);
    http::Response get_state(http::Request& request);
    http::Response get_execution(http::Request& request);
    http::Response get_history(http::Request& request);
    http::Response list_by_function(http::Request& request);
    http::Response stop(http::Request& request);
    http::Response callback_success(http::Request& request);
    http::Response callback_failure(http::Request& request);
    http::Response callback_heartbeat(http::Request& request);

private:
    lemu::durable::DurableExecutionStore& store_;
    AccountRegion home_;
    FunctionCheck function_check_;
    http::RouteTable routes_;
};

// The route table of DurableApiRouter.
http::RouteTable durable_routes(DurableApiRouter& router);

}  // namespace lemu::routers::durable
