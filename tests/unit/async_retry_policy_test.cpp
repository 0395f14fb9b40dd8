#include "emulator/invoke/async_retry_policy.hpp"

#include <catch2/catch.hpp>

using namespace lemu::invoke;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST_CASE("function errors are retried twice, 1 then 2 minutes apart", "[unit][invoke]") {
    AsyncOptions options;
    AsyncRetryConfig config;
    auto first = decide_retry(AttemptKind::FunctionError, 1, 0, milliseconds(5), options, config);
    CHECK(first.retry);
    CHECK(first.delay == minutes(1));
    auto second = decide_retry(AttemptKind::FunctionError, 2, 0, minutes(1), options, config);
    CHECK(second.retry);
    CHECK(second.delay == minutes(2));
    auto third = decide_retry(AttemptKind::FunctionError, 3, 0, minutes(3), options, config);
    CHECK_FALSE(third.retry);
    CHECK(third.condition == AsyncCondition::RetriesExhausted);
    CHECK(std::string(to_string(third.condition)) == "RetriesExhausted");
}

TEST_CASE("MaximumRetryAttempts bounds the retries", "[unit][invoke]") {
    AsyncRetryConfig config;
    AsyncOptions none;
    none.maximum_retry_attempts = 0;
    CHECK(decide_retry(AttemptKind::FunctionError, 1, 0, milliseconds(0), none, config).condition ==
          AsyncCondition::RetriesExhausted);
    AsyncOptions one;
    one.maximum_retry_attempts = 1;
    CHECK(decide_retry(AttemptKind::FunctionError, 1, 0, milliseconds(0), one, config).retry);
    CHECK_FALSE(decide_retry(AttemptKind::FunctionError, 2, 0, minutes(1), one, config).retry);
}

TEST_CASE("an event that would be older than MaximumEventAgeInSeconds is not retried", "[unit][invoke]") {
    AsyncRetryConfig config;
    AsyncOptions sixty;
    sixty.maximum_event_age = seconds(60);
    auto decision = decide_retry(AttemptKind::FunctionError, 1, 0, milliseconds(200), sixty, config);
    CHECK_FALSE(decision.retry);
    CHECK(decision.condition == AsyncCondition::EventAgeExceeded);
    AsyncOptions hour;
    hour.maximum_event_age = minutes(60);
    CHECK(decide_retry(AttemptKind::FunctionError, 1, 0, minutes(59), hour, config).condition ==
          AsyncCondition::EventAgeExceeded);
}

TEST_CASE("throttles back off from 1 s to 5 min without using retry attempts", "[unit][invoke]") {
    AsyncRetryConfig config;
    AsyncOptions options;
    options.maximum_retry_attempts = 0;
    CHECK(decide_retry(AttemptKind::Throttled, 0, 1, milliseconds(0), options, config).delay == seconds(1));
    CHECK(decide_retry(AttemptKind::Throttled, 0, 2, seconds(1), options, config).delay == seconds(2));
    CHECK(decide_retry(AttemptKind::ServiceError, 0, 4, seconds(7), options, config).delay == seconds(8));
    CHECK(decide_retry(AttemptKind::Throttled, 0, 30, minutes(30), options, config).delay == minutes(5));
    auto old =
        decide_retry(AttemptKind::Throttled, 0, 30, std::chrono::hours(6) - minutes(1), options, config);
    CHECK(old.condition == AsyncCondition::EventAgeExceeded);
    CHECK(decide_retry(AttemptKind::Success, 1, 3, minutes(1), options, config).condition ==
          AsyncCondition::Success);
    CHECK(decide_retry(AttemptKind::Rejected, 0, 0, minutes(1), options, config).condition ==
          AsyncCondition::RetriesExhausted);
}
