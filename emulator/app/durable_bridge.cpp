#include "emulator/app/durable_bridge.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/function_ref.hpp"
#include "emulator/core/text.hpp"

namespace lemu {

durable::DurableSettings durable_settings(const control::DurableConfig& config) {
    durable::DurableSettings settings;
    if (config.execution_timeout) {
        settings.execution_timeout_seconds = *config.execution_timeout;
    }
    if (config.retention_period_in_days) {
        settings.retention_days = *config.retention_period_in_days;
    }
    return settings;
}

boost::asio::awaitable<invoke::InvocationResult> DurableBridge::start(invoke::DurableStartCall call) {
    durable::StartRequest request;
    request.function_name = call.function_name;
    request.start_qualifier = call.start_qualifier;
    request.pinned_version = call.version->version;
    request.settings = durable_settings(*call.version->config.durable);
    request.payload = call.payload;
    request.name = call.name;
    durable::DurableStart started = runner_.start_execution(request, call.type);
    invoke::InvocationResult result;
    if (started.completion) {
        durable::ExecutionOutcome outcome = co_await std::move(*started.completion);
        result = durable::sync_invoke_result(outcome);
        result.status_code = 200;
    } else {
        result.status_code = 202;
    }
    result.request_id = call.request_id;
    result.executed_version = started.execution.pinned_version;
    result.durable_execution_arn = started.execution.arn;
    co_return result;
}

durable::ChainedTarget DurableBridge::resolve(std::string_view function_name) {
    FunctionRef ref = parse_function_ref(function_name, std::nullopt, NameGrammar::Namespaced, functions_.home());
    control::Resolved resolved = functions_.resolve(ref, random_);
    durable::ChainedTarget target;
    target.function_name = ref.name;
    target.qualifier = ref.qualifier ? to_string(*ref.qualifier) : "";
    target.executed_version = resolved.executed_version;
    if (resolved.version->config.durable) {
        target.durable = durable_settings(*resolved.version->config.durable);
    }
    return target;
}

void DurableBridge::guard_version_delete(const std::string& function, const std::string& version) const {
    std::vector<std::string> pinned = runner_.store().running_pinned_to(function, version);
    if (pinned.empty()) {
        return;
    }
    // AWS's wording for versions referenced by aliases, plus what is being deleted and the way out.
    std::string what = version.empty() ? "function " + function : "version " + version;
    std::string to = version.empty() ? "its versions" : "it";
    throw AwsError(ErrorCode::ResourceConflict,
                   fmt::format("Unable to delete {} because the following running durable executions are pinned "
                               "to {}: [{}]. Wait for them to finish or stop them with StopDurableExecution.",
                               what, to, join(pinned, ", ")));
}

}  // namespace lemu
