#include "emulator/control/permission_checker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "emulator/core/text.hpp"

namespace lemu::control {
namespace {

// The six ARN components; the last one keeps every further ':'.
std::optional<std::array<std::string_view, 6>> arn_components(std::string_view arn) {
    std::array<std::string_view, 6> parts;
    for (std::size_t i = 0; i < 5; ++i) {
        std::size_t colon = arn.find(':');
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        parts[i] = arn.substr(0, colon);
        arn.remove_prefix(colon + 1);
    }
    parts[5] = arn;
    return parts;
}

std::string_view account_of(std::string_view principal) {
    if (principal.size() == 12 && std::all_of(principal.begin(), principal.end(), is_digit)) {
        return principal;
    }
    auto parts = arn_components(principal);
    return parts ? (*parts)[4] : std::string_view{};
}

bool principal_matches(const Principal& p, std::string_view requester) {
    switch (p.kind) {
        case Principal::Kind::Any:
            return true;
        case Principal::Kind::Service:
            return p.value == requester;
        case Principal::Kind::Aws: {
            if (p.value == requester) {
                return true;
            }
            // arn:aws:iam::ACCT:root stands for every identity of that account.
            auto parts = arn_components(p.value);
            return parts && (*parts)[5] == "root" && !requester.empty() &&
                   account_of(requester) == (*parts)[4];
        }
    }
    return false;
}

std::optional<std::string> context_value(const AccessRequest& request, std::string_view key) {
    if (iequals(key, "AWS:SourceArn")) {
        return request.source_arn.empty() ? std::nullopt : std::optional<std::string>(request.source_arn);
    }
    if (iequals(key, "AWS:SourceAccount")) {
        return request.source_account.empty() ? std::nullopt
                                              : std::optional<std::string>(request.source_account);
    }
    for (const auto& [name, value] : request.context) {
        if (iequals(name, key)) {
            return value;
        }
    }
    return std::nullopt;
}

// nullopt when the condition holds, else why it does not.
std::optional<std::string> condition_failure(const Condition& c, const AccessRequest& request) {
    std::optional<std::string> actual = context_value(request, c.key);
    if (!actual) {
        return fmt::format("condition {} {} requires a value the request does not carry", c.op, c.key);
    }
    bool ok = false;
    if (c.op == "StringEquals") {
        ok = *actual == c.value;
    } else if (c.op == "ArnLike") {
        ok = arn_like(c.value, *actual);
    } else if (c.op == "Bool") {
        ok = iequals(*actual, c.value);
    } else {
        return fmt::format("condition operator {} is not supported", c.op);
    }
    if (ok) {
        return std::nullopt;
    }
    return fmt::format("condition {} {} expects '{}' but the request has '{}'", c.op, c.key, c.value,
                       *actual);
}

std::optional<std::string> statement_failure(const Statement& s, const AccessRequest& request,
                                             std::string_view invoked_arn) {
    if (s.effect != "Allow") {
        return std::string("effect is not Allow");
    }
    if (!arn_like(s.resource, invoked_arn)) {
        return fmt::format("resource {} is not the invoked {}", s.resource, invoked_arn);
    }
    if (!principal_matches(s.principal, request.principal)) {
        return fmt::format("principal {} does not match caller '{}'",
                           s.principal.kind == Principal::Kind::Any ? "*" : s.principal.value,
                           request.principal);
    }
    if (!glob_match(s.action, request.action, true)) {
        return fmt::format("action {} does not cover {}", s.action, request.action);
    }
    for (const Condition& c : s.conditions) {
        if (auto failure = condition_failure(c, request)) {
            return failure;
        }
    }
    return std::nullopt;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text, bool case_insensitive) {
    auto same = [case_insensitive](char a, char b) {
        return case_insensitive ? to_lower(a) == to_lower(b) : a == b;
    };
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

bool arn_like(std::string_view pattern, std::string_view arn) {
    auto want = arn_components(pattern);
    auto have = arn_components(arn);
    if (!want || !have) {
        return false;
    }
    for (std::size_t i = 0; i < 6; ++i) {
        if (!glob_match((*want)[i], (*have)[i])) {
            return false;
        }
    }
    return true;
}

Decision PermissionChecker::check(const Policy* policy, const AccessRequest& request,
                                  std::string_view invoked_arn) {
    Decision decision;
    if (policy == nullptr || policy->statements.empty()) {
        decision.reason = fmt::format("no resource policy is attached to {}", invoked_arn);
        return decision;
    }
    std::vector<std::string> reasons;
    for (const Statement& s : policy->statements) {
        std::optional<std::string> failure = statement_failure(s, request, invoked_arn);
        if (!failure) {
            decision.allowed = true;
            decision.matched_sid = s.sid;
            return decision;
        }
        reasons.push_back(fmt::format("statement {}: {}", s.sid, *failure));
    }
    decision.reason = join(reasons, "; ");
    return decision;
}

}  // namespace lemu::control
