#pragma once
// Who calls a function URL and what the function's resource policy must allow for it (sources.md §1
// fact 9 and §6, control-plane.md fact 75). Pure: the data plane turns the result into an InvokeCall.
//
//   AuthType NONE     anyone: principal "*", lambda:FunctionUrlAuthType=NONE.
//   AuthType AWS_IAM  the SigV4 signer. lemu has no IAM users, so the access key decides the account:
//                     a 12-digit key id is that account, any other key (the usual dummy "test") is
//                     lemu's own account. A caller of the function's own account is trusted, as direct
//                     SDK callers are (AWS lets its identity policy allow the call without a resource
//                     policy); a caller of another account needs a statement for its account
//                     (arn:aws:iam::ACCOUNT:root) or "*", with lambda:FunctionUrlAuthType=AWS_IAM.
//
// The policy is the one of the URL's own ARN (fn, or fn:alias). Both lambda:InvokeFunctionUrl and,
// for URLs created since 2025-10, lambda:InvokeFunction with lambda:InvokedViaFunctionUrl=true must
// be allowed; `legacy_auth` drops the second, as for accounts AWS still exempts until 2026-11-01.

#include <optional>
#include <string>
#include <string_view>

#include "emulator/control/function_url.hpp"
#include "emulator/core/account_region.hpp"
#include "emulator/invoke/invocation.hpp"

namespace lemu::sources::lambda_url {

inline constexpr std::string_view kSource = "function-url";
inline constexpr std::string_view kAnyone = "*";  // the principal of an AuthType NONE caller
inline constexpr std::string_view kInvokeFunctionUrl = "lambda:InvokeFunctionUrl";
inline constexpr std::string_view kAuthTypeKey = "lambda:FunctionUrlAuthType";
inline constexpr std::string_view kViaUrlKey = "lambda:InvokedViaFunctionUrl";

// The SigV4 signer of a request, as far as lemu can know it.
struct UrlSigner {
    std::string access_key;
    std::string account;
};

// The access key id of an `Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request,
// ...` header, or of a presigned URL's decoded X-Amz-Credential value (KEY/DATE/...). nullopt when there
// is none.
std::optional<std::string> sigv4_access_key(std::string_view authorization);
std::optional<std::string> credential_access_key(std::string_view credential);
// A 12-digit key id names its account; everything else is `home`'s account.
std::string account_for_access_key(std::string_view access_key, const AccountRegion& home);
UrlSigner signer_for(std::string access_key, const AccountRegion& home);
// arn:aws:iam::ACCOUNT:root, the principal that stands for a whole account.
std::string root_arn(std::string_view account);

// The caller the Invoker checks (action, principal, condition keys, the further InvokeFunction check).
invoke::Caller url_caller(control::UrlAuthType type, const std::optional<UrlSigner>& signer,
                          const AccountRegion& home, bool legacy_auth);

}  // namespace lemu::sources::lambda_url
