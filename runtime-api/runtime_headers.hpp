#pragma once
// Runtime API header names, as aws-lambda-cpp (src/runtime.cpp) and RIE (rapi/rendering) spell them.
// HTTP field names are case-insensitive; lemu writes the canonical capitalisation RIE sends.

#include <string_view>

namespace lemu::runtime_api {

// GET /next response headers (runtime.md fact 4).
inline constexpr std::string_view kRequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
inline constexpr std::string_view kTraceIdHeader = "Lambda-Runtime-Trace-Id";
inline constexpr std::string_view kClientContextHeader = "Lambda-Runtime-Client-Context";
inline constexpr std::string_view kCognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";
inline constexpr std::string_view kDeadlineMsHeader = "Lambda-Runtime-Deadline-Ms";
inline constexpr std::string_view kFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
inline constexpr std::string_view kTenantIdHeader = "Lambda-Runtime-Aws-Tenant-Id";

// Request headers a runtime may send (facts 9, 12).
inline constexpr std::string_view kFunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
inline constexpr std::string_view kFunctionErrorBodyHeader = "Lambda-Runtime-Function-Error-Body";
inline constexpr std::string_view kXRayErrorCauseHeader = "Lambda-Runtime-Function-XRay-Error-Cause";
inline constexpr std::string_view kFunctionResponseModeHeader = "Lambda-Runtime-Function-Response-Mode";

inline constexpr std::string_view kContentTypeHeader = "Content-Type";
inline constexpr std::string_view kJsonContentType = "application/json";
// An /error body of this type has its "errorCause" member stripped before the caller sees it.
inline constexpr std::string_view kErrorCauseContentType = "application/vnd.aws.lambda.error.cause+json";
inline constexpr std::string_view kStreamingResponseMode = "streaming";

}  // namespace lemu::runtime_api
