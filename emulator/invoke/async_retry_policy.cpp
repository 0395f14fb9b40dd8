#include "emulator/invoke/async_retry_policy.hpp"

#include <algorithm>

namespace lemu::invoke {

namespace {

RetryDecision stop(AsyncCondition condition) {
    RetryDecision decision;
    decision.condition = condition;
    return decision;
}

RetryDecision retry_after(std::chrono::milliseconds delay, std::chrono::milliseconds age,
                          const AsyncOptions& options) {
    if (age + delay >= options.maximum_event_age) {
        return stop(AsyncCondition::EventAgeExceeded);
    }
    RetryDecision decision;
    decision.retry = true;
    decision.delay = delay;
    return decision;
}

}  // namespace

RetryDecision decide_retry(AttemptKind kind, int function_runs, int throttles, std::chrono::milliseconds age,
                           const AsyncOptions& options, const AsyncRetryConfig& config) {
    switch (kind) {
        case AttemptKind::Success:
            return stop(AsyncCondition::Success);
        case AttemptKind::Rejected:
            return stop(AsyncCondition::RetriesExhausted);
        case AttemptKind::FunctionError: {
            int retries_done = function_runs - 1;
            if (retries_done >= options.maximum_retry_attempts || config.function_error_delays.empty()) {
                return stop(AsyncCondition::RetriesExhausted);
            }
            std::size_t index =
                std::min(static_cast<std::size_t>(retries_done), config.function_error_delays.size() - 1);
            return retry_after(config.function_error_delays[index], age, options);
        }
        case AttemptKind::Throttled:
        case AttemptKind::ServiceError: {
            auto delay = config.throttle_initial_delay;
            for (int i = 1; i < throttles && delay < config.throttle_max_delay; ++i) {
                delay *= 2;
            }
            return retry_after(std::min(delay, config.throttle_max_delay), age, options);
        }
    }
    return stop(AsyncCondition::RetriesExhausted);
}

const char* to_string(AsyncCondition condition) {
    switch (condition) {
        case AsyncCondition::Success:
            return "Success";
        case AsyncCondition::RetriesExhausted:
            return "RetriesExhausted";
        case AsyncCondition::EventAgeExceeded:
            return "EventAgeExceeded";
    }
    return "RetriesExhausted";
}

}  // namespace lemu::invoke
