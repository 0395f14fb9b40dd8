#pragma once
// The config-time permission check of PutBucketNotificationConfiguration (sources.md §4.B fact 39):
// S3 asks Lambda whether s3.amazonaws.com may invoke the exact configured ARN for this bucket.
// The composition root implements it with the function registry and the PermissionChecker.

#include <functional>
#include <string>
#include <utility>

namespace lemu::sources::s3 {

struct NotificationDestination {
    std::string function_arn;    // exactly as configured: unqualified, ":7" or ":alias"
    std::string bucket;
    std::string source_arn;      // "arn:aws:s3:::BUCKET" (S3 presents no account in it)
    std::string source_account;  // the bucket owner's account id
};

class NotificationDestinationValidator {
public:
    virtual ~NotificationDestinationValidator() = default;
    // True when the function and qualifier exist and the resource policy of that exact ARN lets
    // principal s3.amazonaws.com call lambda:InvokeFunction with this SourceArn and SourceAccount.
    // Called on the request's thread; must not block on I/O.
    virtual bool allows(const NotificationDestination& destination) const = 0;
};

// Adapts a callable; wire() uses it to plug in whatever answers the question.
class CallbackDestinationValidator final : public NotificationDestinationValidator {
public:
    using Check = std::function<bool(const NotificationDestination&)>;
    explicit CallbackDestinationValidator(Check check) : check_(std::move(check)) {}
    bool allows(const NotificationDestination& destination) const override { return check_(destination); }

private:
    Check check_;
};

}  // namespace lemu::sources::s3
