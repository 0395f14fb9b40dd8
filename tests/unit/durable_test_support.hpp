#pragma once
// Shared helpers for the durable unit tests: a fixed clock origin, update builders and a driver
// that plays the SDK's side of one execution.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/core/aws_error.hpp"
#include "emulator/durable/durable_execution.hpp"

namespace lemu::durable::test {

inline const TimePoint kT0 = TimePoint{std::chrono::seconds{1'700'000'000}};

inline OperationUpdate update(std::string id, OperationType type, OperationAction action) {
    OperationUpdate u;
    u.id = std::move(id);
    u.type = type;
    u.action = action;
    return u;
}
inline OperationUpdate step(std::string id, OperationAction action, std::optional<std::string> payload = {}) {
    OperationUpdate u = update(std::move(id), OperationType::Step, action);
    u.name = "step-" + u.id;
    u.sub_type = "Step";
    u.payload = std::move(payload);
    return u;
}
inline OperationUpdate retry(std::string id, std::int64_t delay, std::string message) {
    OperationUpdate u = step(std::move(id), OperationAction::Retry);
    u.has_step_options = true;
    u.next_attempt_delay_seconds = delay;
    u.error = ErrorObject{std::move(message), "Error", std::nullopt, std::nullopt};
    return u;
}
inline OperationUpdate wait(std::string id, std::int64_t seconds) {
    OperationUpdate u = update(std::move(id), OperationType::Wait, OperationAction::Start);
    u.name = "pause";
    u.sub_type = "Wait";
    u.has_wait_options = true;
    u.wait_seconds = seconds;
    return u;
}
inline OperationUpdate callback(std::string id, std::int64_t timeout = 0, std::int64_t heartbeat = 0) {
    OperationUpdate u = update(std::move(id), OperationType::Callback, OperationAction::Start);
    u.sub_type = "Callback";
    u.callback_timeout_seconds = timeout;
    u.callback_heartbeat_seconds = heartbeat;
    return u;
}
inline OperationUpdate context(std::string id, OperationAction action) {
    OperationUpdate u = update(std::move(id), OperationType::Context, action);
    u.sub_type = "RunInChildContext";
    return u;
}
inline OperationUpdate child(OperationUpdate u, std::string parent) {
    u.parent_id = std::move(parent);
    return u;
}

inline ExecutionIdentity identity(std::string name = "order-1", std::string input = R"({"n":21})") {
    ExecutionIdentity id;
    id.name = name;
    id.id = "3f870c80-b17a-4c1e-9d5e-000000000001";
    id.function_name = "demo";
    id.start_qualifier = "live";
    id.pinned_version = "1";
    id.arn = "arn:aws:lambda:us-east-1:000000000000:function:demo:1/durable-execution/" + name + "/" + id.id;
    id.function_arn = "arn:aws:lambda:us-east-1:000000000000:function:demo:live";
    id.execution_operation_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    id.input = std::move(input);
    id.start_timestamp = kT0;
    id.settings.execution_timeout_seconds = 24 * 3600;
    return id;
}

// One execution and the SDK's view of it: the latest token of the running invocation.
struct Driver {
    SeededRandom random{42};
    AccountRegion home;
    ChainedInvokeResolver* resolver = nullptr;
    DurableExecution execution = DurableExecution::create(identity(), std::nullopt, random);
    std::string token;
    std::string request_id;

    InvocationStart begin(TimePoint now) {
        InvocationStart s = execution.begin_invocation(now, random);
        token = s.token;
        request_id = s.request_id;
        return s;
    }
    CheckpointResponse checkpoint(std::vector<OperationUpdate> updates, TimePoint now,
                                  std::optional<std::string> client_token = std::nullopt) {
        CheckpointContext ctx{now, random, home, resolver};
        CheckpointResponse r = execution.checkpoint(CheckpointRequest{token, client_token, std::move(updates)}, ctx);
        token = r.token;
        return r;
    }
    void finish(InvocationOutcome::Kind kind, TimePoint now, std::optional<std::string> result = {}) {
        execution.finish_invocation(request_id, InvocationOutcome{kind, std::move(result), std::nullopt}, now);
    }
    const Operation& op(const std::string& id) const {
        const Operation* o = execution.find(id);
        REQUIRE(o != nullptr);
        return *o;
    }
    std::vector<std::string> events() const {
        std::vector<std::string> names;
        for (const HistoryEvent& e : execution.record().history) {
            names.emplace_back(to_string(e.type));
        }
        return names;
    }
};

// The error code and message an expression throws, for exact assertions.
template <typename F>
AwsError thrown(F&& f) {
    try {
        f();
    } catch (const AwsError& e) {
        return e;
    }
    FAIL("expected an AwsError");
    return AwsError(ErrorCode::Service, "unreachable");
}

}  // namespace lemu::durable::test
