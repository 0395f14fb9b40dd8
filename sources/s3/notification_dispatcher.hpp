#pragma once
// The S3EventSink that reaches functions the way S3 does (sources.md §1, §4.C fact 43): an
// asynchronous invoke (InvocationType Event) of the exact configured ARN as s3.amazonaws.com with
// SourceArn arn:aws:s3:::BUCKET and the bucket owner as SourceAccount, so the Invoker checks that
// ARN's resource policy. A refused or failed delivery is logged and dropped; the upload that caused
// it already succeeded.

#include <boost/asio/any_io_executor.hpp>

#include "emulator/invoke/function_invoker.hpp"
#include "sources/s3/event_sink.hpp"

namespace lemu::sources::s3 {

inline constexpr std::string_view kS3Principal = "s3.amazonaws.com";

// The InvokeCall for one delivery (pure; exposed for tests).
invoke::InvokeCall make_invoke_call(const S3EventDelivery& delivery);

class S3NotificationDispatcher final : public S3EventSink {
public:
    S3NotificationDispatcher(boost::asio::any_io_executor executor, invoke::FunctionInvoker& invoker)
        : executor_(std::move(executor)), invoker_(invoker) {}

    // Spawns the invoke on the executor and returns at once.
    void deliver(S3EventDelivery delivery) override;

private:
    boost::asio::any_io_executor executor_;
    invoke::FunctionInvoker& invoker_;
};

}  // namespace lemu::sources::s3
