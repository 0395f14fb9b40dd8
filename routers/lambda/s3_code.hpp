#pragma once
// Deployment packages named by an S3 location (Code.S3Bucket/S3Key/S3ObjectVersion, a layer's
// Content.S3Bucket/...): CreateFunction, UpdateFunctionCode and PublishLayerVersion read them from
// lemu's own S3, as Lambda reads them from S3.

#include <optional>
#include <string>

#include "routers/lambda/context.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {

struct S3CodeLocation {
    std::string bucket;
    std::string key;
    std::string version;  // S3ObjectVersion; empty: the current object
};

// The location in `code` (a FunctionCode or LayerVersionContentInput object), if it names one.
std::optional<S3CodeLocation> decode_s3_location(const JsonInput& code);

// The package's bytes. A failed read is Lambda's InvalidParameterValueException quoting S3's error
// ("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: ...").
std::string read_s3_package(const S3CodeLocation& location, const LambdaContext& ctx);

}  // namespace lemu::routers::lambda
