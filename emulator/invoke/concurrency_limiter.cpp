#include "emulator/invoke/concurrency_limiter.hpp"

#include <algorithm>

#include "emulator/core/aws_error.hpp"

namespace lemu::invoke {

ConcurrencyLimiter::Lease::Lease(Lease&& other) noexcept
    : limiter_(other.limiter_), function_(std::move(other.function_)), reserved_(other.reserved_) {
    other.limiter_ = nullptr;
}

ConcurrencyLimiter::Lease& ConcurrencyLimiter::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        release();
        limiter_ = other.limiter_;
        function_ = std::move(other.function_);
        reserved_ = other.reserved_;
        other.limiter_ = nullptr;
    }
    return *this;
}

void ConcurrencyLimiter::Lease::release() {
    if (limiter_ != nullptr) {
        limiter_->give_back(function_, reserved_);
        limiter_ = nullptr;
    }
}

void ConcurrencyLimiter::set_account_limit(int limit) {
    std::lock_guard lock(mutex_);
    account_limit_ = limit;
}

int ConcurrencyLimiter::account_limit() const {
    std::lock_guard lock(mutex_);
    return account_limit_;
}

void ConcurrencyLimiter::set_reserved(const std::string& function, std::optional<int> reserved) {
    std::lock_guard lock(mutex_);
    Entry& entry = functions_[function];
    total_reserved_ -= entry.reserved.value_or(0);
    entry.reserved = reserved;
    total_reserved_ += reserved.value_or(0);
}

std::optional<int> ConcurrencyLimiter::reserved(const std::string& function) const {
    std::lock_guard lock(mutex_);
    auto it = functions_.find(function);
    return it == functions_.end() ? std::nullopt : it->second.reserved;
}

int ConcurrencyLimiter::unreserved_limit_locked() const {
    return std::max(0, account_limit_ - total_reserved_);
}

int ConcurrencyLimiter::unreserved_limit() const {
    std::lock_guard lock(mutex_);
    return unreserved_limit_locked();
}

ConcurrencyLimiter::Lease ConcurrencyLimiter::acquire(const std::string& function) {
    std::lock_guard lock(mutex_);
    Entry& entry = functions_[function];
    if (entry.reserved) {
        if (entry.reserved_in_flight >= *entry.reserved) {
            throw AwsError(ErrorCode::TooManyRequests, "Rate Exceeded.")
                .with("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
        }
        ++entry.reserved_in_flight;
        return Lease(this, function, true);
    }
    if (unreserved_in_flight_ >= unreserved_limit_locked()) {
        throw AwsError(ErrorCode::TooManyRequests, "Rate Exceeded.")
            .with("Reason", "ConcurrentInvocationLimitExceeded");
    }
    ++unreserved_in_flight_;
    ++entry.unreserved_in_flight;
    return Lease(this, function, false);
}

void ConcurrencyLimiter::give_back(const std::string& function, bool reserved) {
    std::lock_guard lock(mutex_);
    auto it = functions_.find(function);
    if (it == functions_.end()) {
        return;
    }
    if (reserved) {
        --it->second.reserved_in_flight;
    } else {
        --it->second.unreserved_in_flight;
        --unreserved_in_flight_;
    }
}

int ConcurrencyLimiter::in_flight(const std::string& function) const {
    std::lock_guard lock(mutex_);
    auto it = functions_.find(function);
    return it == functions_.end() ? 0 : it->second.reserved_in_flight + it->second.unreserved_in_flight;
}

int ConcurrencyLimiter::unreserved_in_flight() const {
    std::lock_guard lock(mutex_);
    return unreserved_in_flight_;
}

}  // namespace lemu::invoke
