#pragma once
// When an asynchronous (Event) invocation is tried again (runtime.md §4.C-§4.D, facts 49-51):
//   function errors (handler errors, timeouts, crashes): at most MaximumRetryAttempts more runs
//     (default 2), about 1 minute and then 2 minutes apart;
//   throttles (429) and platform errors (5xx): again with backoff from 1 s up to 5 min, without using
//     up retry attempts;
//   an event older than MaximumEventAgeInSeconds (default 6 h) is not tried again: EventAgeExceeded.
// Pure: times are nominal (AWS's), the queue scales them to run tests fast.

#include <chrono>
#include <optional>
#include <vector>

namespace lemu::invoke {

struct AsyncRetryConfig {
    // The wait before the 1st, 2nd, ... retry after a function error; the last repeats.
    std::vector<std::chrono::milliseconds> function_error_delays{std::chrono::minutes(1),
                                                                 std::chrono::minutes(2)};
    std::chrono::milliseconds throttle_initial_delay{std::chrono::seconds(1)};
    std::chrono::milliseconds throttle_max_delay{std::chrono::minutes(5)};
    // Real time = nominal time x time_scale (1.0 in lemu up; tests use e.g. 0.001 to run 1 min in 60 ms).
    double time_scale = 1.0;
};

// PutFunctionEventInvokeConfig's values for the qualifier that was invoked.
struct AsyncOptions {
    int maximum_retry_attempts = 2;                       // 0..2
    std::chrono::seconds maximum_event_age{6 * 60 * 60};  // 60..21600
};

enum class AttemptKind { Success, FunctionError, Throttled, ServiceError, Rejected };

enum class AsyncCondition { Success, RetriesExhausted, EventAgeExceeded };

struct RetryDecision {
    bool retry = false;
    std::chrono::milliseconds delay{0};                  // nominal
    AsyncCondition condition = AsyncCondition::Success;  // when !retry
};

// `function_runs` counts attempts that ran the function (this one included), `throttles` the
// throttled or failed-by-the-platform attempts so far (this one included), `age` the nominal time
// since the event was accepted.
RetryDecision decide_retry(AttemptKind kind, int function_runs, int throttles, std::chrono::milliseconds age,
                           const AsyncOptions& options, const AsyncRetryConfig& config);

// "Success", "RetriesExhausted", "EventAgeExceeded" (the destination record's condition).
const char* to_string(AsyncCondition condition);

}  // namespace lemu::invoke
