#pragma once
// Connects the Invoker and the control plane to the durable-execution runner without making the lower
// layers depend on each other: starts executions for Invoke, resolves chained-invoke targets once, and
// tells the registry which versions are still pinned by RUNNING executions.

#include "emulator/control/function_registry.hpp"
#include "emulator/core/random.hpp"
#include "emulator/durable/durable_runner.hpp"
#include "emulator/invoke/durable_starter.hpp"

namespace lemu {

class DurableBridge final : public invoke::DurableStarter, public durable::ChainedInvokeResolver {
public:
    DurableBridge(durable::DurableRunner& runner, control::FunctionRegistry& functions, Random& random)
        : runner_(runner), functions_(functions), random_(random) {}

    boost::asio::awaitable<invoke::InvocationResult> start(invoke::DurableStartCall call) override;
    durable::ChainedTarget resolve(std::string_view function_name) override;

    // Deleting a version that RUNNING executions are pinned to would break their next resume; lemu
    // refuses it with ResourceConflictException (a local decision, DESIGN.md §9). So does deleting the
    // whole function (`version` empty) while any of its versions has one: otherwise the resumes would
    // fail until the execution timed out, or run a re-created function's code on the old history.
    void guard_version_delete(const std::string& function, const std::string& version) const;

private:
    durable::DurableRunner& runner_;
    control::FunctionRegistry& functions_;
    Random& random_;
};

durable::DurableSettings durable_settings(const control::DurableConfig& config);

}  // namespace lemu
