#include "emulator/control/policy.hpp"

#include <algorithm>

#include "emulator/core/text.hpp"

namespace lemu::control {
namespace {

bool is_account_id(std::string_view s) {
    return s.size() == 12 && std::all_of(s.begin(), s.end(), is_digit);
}

bool is_service_principal(std::string_view s) {
    constexpr std::string_view kSuffix = ".amazonaws.com";
    if (!s.ends_with(kSuffix) || s.size() == kSuffix.size()) {
        return false;
    }
    std::string_view host = s.substr(0, s.size() - kSuffix.size());
    return std::all_of(host.begin(), host.end(), [](char c) { return is_alnum(c) || c == '-' || c == '.'; });
}

// arn:aws[-partition]:iam::ACCOUNT:... or arn:aws:sts::ACCOUNT:assumed-role/...
bool is_iam_arn(std::string_view s) {
    std::vector<std::string_view> parts = split(s, ':');
    if (parts.size() < 6 || parts[0] != "arn" || !parts[1].starts_with("aws") ||
        (parts[2] != "iam" && parts[2] != "sts") || !parts[3].empty() || !is_account_id(parts[4])) {
        return false;
    }
    return !parts[5].empty();
}

}  // namespace

std::optional<Principal> principal_from_text(std::string_view text) {
    if (text == "*") {
        return Principal{Principal::Kind::Any, ""};
    }
    if (is_service_principal(text)) {
        return Principal{Principal::Kind::Service, std::string(text)};
    }
    if (is_account_id(text)) {
        return Principal{Principal::Kind::Aws, "arn:aws:iam::" + std::string(text) + ":root"};
    }
    if (is_iam_arn(text)) {
        return Principal{Principal::Kind::Aws, std::string(text)};
    }
    return std::nullopt;
}

const Statement* Policy::find(std::string_view sid) const {
    auto it =
        std::find_if(statements.begin(), statements.end(), [&](const Statement& s) { return s.sid == sid; });
    return it == statements.end() ? nullptr : &*it;
}

}  // namespace lemu::control
