#pragma once
// Concurrent executions (runtime.md §4.C, facts 48-50): an account limit (default 1 000) shared by
// every function without a reservation, and per-function reserved concurrency carved out of it. A
// function with a reservation of N runs at most N at once, across all its versions and aliases.
// Over the limit, acquire() throws TooManyRequestsException (429, "Rate Exceeded.") with Reason
// ReservedFunctionConcurrentInvocationLimitExceeded or ConcurrentInvocationLimitExceeded. Pure and
// thread-safe; the control plane mirrors PutFunctionConcurrency into set_reserved().

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace lemu::invoke {

class ConcurrencyLimiter {
public:
    // One running execution; gives its slot back when destroyed.
    class Lease {
    public:
        Lease() = default;
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { release(); }
        void release();
        explicit operator bool() const { return limiter_ != nullptr; }

    private:
        friend class ConcurrencyLimiter;
        Lease(ConcurrencyLimiter* limiter, std::string function, bool reserved)
            : limiter_(limiter), function_(std::move(function)), reserved_(reserved) {}
        ConcurrencyLimiter* limiter_ = nullptr;
        std::string function_;
        bool reserved_ = false;
    };

    static constexpr int kDefaultAccountLimit = 1000;

    explicit ConcurrencyLimiter(int account_limit = kDefaultAccountLimit) : account_limit_(account_limit) {}

    void set_account_limit(int limit);
    int account_limit() const;
    // PutFunctionConcurrency / DeleteFunctionConcurrency (nullopt) / DeleteFunction (nullopt).
    void set_reserved(const std::string& function, std::optional<int> reserved);
    std::optional<int> reserved(const std::string& function) const;
    // The account limit minus every reservation (UnreservedConcurrentExecutions).
    int unreserved_limit() const;

    // Takes a slot for one execution of `function` or throws AwsError TooManyRequests.
    Lease acquire(const std::string& function);
    int in_flight(const std::string& function) const;
    int unreserved_in_flight() const;

private:
    struct Entry {
        std::optional<int> reserved;
        int reserved_in_flight = 0;    // executions counted against the reservation
        int unreserved_in_flight = 0;  // executions counted against the shared pool
    };
    void give_back(const std::string& function, bool reserved);
    int unreserved_limit_locked() const;

    mutable std::mutex mutex_;
    int account_limit_;
    int total_reserved_ = 0;
    int unreserved_in_flight_ = 0;
    std::map<std::string, Entry, std::less<>> functions_;
};

}  // namespace lemu::invoke
