#include "sources/lambda_url/url_caller.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emulator/core/text.hpp"

namespace lemu::sources::lambda_url {

std::optional<std::string> credential_access_key(std::string_view credential) {
    std::string_view key = credential.substr(0, credential.find('/'));
    if (key.empty() || key.size() == credential.size()) {
        return std::nullopt;
    }
    return std::string(key);
}

std::optional<std::string> sigv4_access_key(std::string_view authorization) {
    constexpr std::string_view kScheme = "AWS4-HMAC-SHA256";
    constexpr std::string_view kCredential = "Credential=";
    authorization = trim(authorization);
    if (!authorization.starts_with(kScheme)) {
        return std::nullopt;
    }
    std::size_t at = authorization.find(kCredential, kScheme.size());
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view credential = authorization.substr(at + kCredential.size());
    credential = credential.substr(0, credential.find_first_of(", "));
    return credential_access_key(credential);
}

std::string account_for_access_key(std::string_view access_key, const AccountRegion& home) {
    if (access_key.size() == 12 && std::all_of(access_key.begin(), access_key.end(), is_digit)) {
        return std::string(access_key);
    }
    return home.account;
}

UrlSigner signer_for(std::string access_key, const AccountRegion& home) {
    std::string account = account_for_access_key(access_key, home);
    return UrlSigner{std::move(access_key), std::move(account)};
}

std::string root_arn(std::string_view account) {
    return fmt::format("arn:aws:iam::{}:root", account);
}

invoke::Caller url_caller(control::UrlAuthType type, const std::optional<UrlSigner>& signer,
                          const AccountRegion& home, bool legacy_auth) {
    invoke::Caller caller;
    caller.source = std::string(kSource);
    caller.action = std::string(kInvokeFunctionUrl);
    caller.context[std::string(kAuthTypeKey)] = std::string(control::to_string(type));
    if (type == control::UrlAuthType::None) {
        caller.principal = std::string(kAnyone);
    } else if (signer && signer->account != home.account) {
        caller.principal = root_arn(signer->account);
    }
    // else: a signer of this account, trusted like any direct SDK caller (empty principal).
    if (!legacy_auth) {
        caller.also_requires.push_back({"lambda:InvokeFunction", {{std::string(kViaUrlKey), "true"}}});
    }
    return caller;
}

}  // namespace lemu::sources::lambda_url
