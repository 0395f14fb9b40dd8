#pragma once
// A Lambda function URL configuration (control-plane.md facts 79-82, sources.md §6): one per
// (function, qualifier), where the qualifier is an alias name or none (the URL then invokes the
// unqualified function, i.e. $LATEST). Immutable once stored; changes replace the whole value.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"

namespace lemu::control {

enum class UrlAuthType { None, AwsIam };
enum class UrlInvokeMode { Buffered, ResponseStream };

std::string_view to_string(UrlAuthType type);    // "NONE", "AWS_IAM"
std::string_view to_string(UrlInvokeMode mode);  // "BUFFERED", "RESPONSE_STREAM"

// The Cors member as the user gave it: absent members stay absent in every answer.
struct UrlCors {
    std::optional<bool> allow_credentials;
    std::optional<std::vector<std::string>> allow_headers;
    std::optional<std::vector<std::string>> allow_methods;
    std::optional<std::vector<std::string>> allow_origins;
    std::optional<std::vector<std::string>> expose_headers;
    std::optional<int> max_age;

    bool operator==(const UrlCors&) const = default;
};

struct FunctionUrlConfig {
    std::string url_id;     // 32 lowercase alphanumerics, the host label of the URL
    std::string function;   // function name
    std::string qualifier;  // alias name; empty: the unqualified function
    UrlAuthType auth_type = UrlAuthType::None;
    std::optional<UrlCors> cors;
    // As last given; Create answers InvokeMode only when it was given, Get/List/Update answer BUFFERED
    // when it never was (fact 82).
    std::optional<UrlInvokeMode> invoke_mode;
    TimePoint creation_time;
    TimePoint last_modified_time;

    UrlInvokeMode effective_invoke_mode() const { return invoke_mode.value_or(UrlInvokeMode::Buffered); }
    // The ARN a URL invokes and whose resource policy authorises it: unqualified or the alias ARN.
    std::string function_arn(const AccountRegion& home) const;
};

using FunctionUrlPtr = std::shared_ptr<const FunctionUrlConfig>;

// https://URL_ID.lambda-url.REGION.on.aws/, the FunctionUrl AWS reports.
std::string public_function_url(const AccountRegion& home, std::string_view url_id);
// URL_ID.lambda-url.REGION.on.aws, the requestContext.domainName of the events.
std::string function_url_domain(const AccountRegion& home, std::string_view url_id);

}  // namespace lemu::control
