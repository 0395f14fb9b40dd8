#include "routers/lambda/s3_code.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"

namespace lemu::routers::lambda {

std::optional<S3CodeLocation> decode_s3_location(const JsonInput& code) {
    std::optional<std::string> bucket = code.string("S3Bucket");
    std::optional<std::string> key = code.string("S3Key");
    if (!bucket && !key) {
        return std::nullopt;
    }
    if (!bucket || !key || bucket->empty() || key->empty()) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "Both S3Bucket and S3Key are required to read code from an S3 location.");
    }
    return S3CodeLocation{*bucket, *key, code.string("S3ObjectVersion").value_or("")};
}

std::string read_s3_package(const S3CodeLocation& location, const LambdaContext& ctx) {
    if (!ctx.read_s3_object) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Error occurred while GetObject. S3 is not available.");
    }
    try {
        return ctx.read_s3_object(location.bucket, location.key, location.version);
    } catch (const AwsError& e) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       fmt::format("Error occurred while GetObject. S3 Error Code: {}. S3 Error Message: {}",
                                   e.name(), e.message()));
    }
}

}  // namespace lemu::routers::lambda
