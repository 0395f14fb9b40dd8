#include "emulator/invoke/concurrency_limiter.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "emulator/core/aws_error.hpp"

using lemu::AwsError;
using lemu::ErrorCode;
using lemu::invoke::ConcurrencyLimiter;

namespace {

// The Reason of the TooManyRequestsException that acquire() throws, or "" when it does not throw.
std::string throttle_reason(ConcurrencyLimiter& limiter, const std::string& function) {
    try {
        auto lease = limiter.acquire(function);
        return "";
    } catch (const AwsError& e) {
        CHECK(e.code() == ErrorCode::TooManyRequests);
        CHECK(e.http_status() == 429);
        CHECK(e.name() == "TooManyRequestsException");
        CHECK(e.message() == "Rate Exceeded.");
        return e.extra().at("Reason");
    }
}

}  // namespace

TEST_CASE("a function with reserved concurrency N runs at most N at once", "[unit][invoke]") {
    ConcurrencyLimiter limiter;
    limiter.set_reserved("f", 2);
    auto a = limiter.acquire("f");
    auto b = limiter.acquire("f");
    CHECK(limiter.in_flight("f") == 2);
    CHECK(throttle_reason(limiter, "f") == "ReservedFunctionConcurrentInvocationLimitExceeded");
    a.release();
    CHECK(limiter.in_flight("f") == 1);
    CHECK(throttle_reason(limiter, "f").empty());
}

TEST_CASE("reserved concurrency 0 throttles every invocation", "[unit][invoke]") {
    ConcurrencyLimiter limiter;
    limiter.set_reserved("off", 0);
    CHECK(throttle_reason(limiter, "off") == "ReservedFunctionConcurrentInvocationLimitExceeded");
    limiter.set_reserved("off", std::nullopt);
    CHECK(throttle_reason(limiter, "off").empty());
}

TEST_CASE("unreserved functions share the account limit minus all reservations", "[unit][invoke]") {
    ConcurrencyLimiter limiter(5);
    limiter.set_reserved("reserved", 3);
    CHECK(limiter.unreserved_limit() == 2);
    auto a = limiter.acquire("x");
    auto b = limiter.acquire("y");
    CHECK(limiter.unreserved_in_flight() == 2);
    CHECK(throttle_reason(limiter, "z") == "ConcurrentInvocationLimitExceeded");
    // The reservation is not touched by the shared pool's exhaustion.
    auto r = limiter.acquire("reserved");
    CHECK(limiter.in_flight("reserved") == 1);
    b.release();
    CHECK(throttle_reason(limiter, "z").empty());
}

TEST_CASE("the account limit is settable and leases give back exactly what they took", "[unit][invoke]") {
    ConcurrencyLimiter limiter;
    CHECK(limiter.account_limit() == 1000);
    limiter.set_account_limit(1);
    {
        auto lease = limiter.acquire("f");
        CHECK(throttle_reason(limiter, "f") == "ConcurrentInvocationLimitExceeded");
        // A reservation set while the lease runs does not make the lease give back to the wrong pool.
        limiter.set_reserved("f", 5);
        limiter.set_account_limit(10);
    }
    CHECK(limiter.unreserved_in_flight() == 0);
    CHECK(limiter.in_flight("f") == 0);
    std::vector<ConcurrencyLimiter::Lease> leases;
    for (int i = 0; i < 5; ++i) {
        leases.push_back(limiter.acquire("f"));
    }
    CHECK(throttle_reason(limiter, "f") == "ReservedFunctionConcurrentInvocationLimitExceeded");
    ConcurrencyLimiter::Lease moved = std::move(leases.back());
    leases.pop_back();
    CHECK(limiter.in_flight("f") == 5);
    moved.release();
    CHECK(limiter.in_flight("f") == 4);
}
