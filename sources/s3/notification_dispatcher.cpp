#include "sources/s3/notification_dispatcher.hpp"

#include <boost/asio/co_spawn.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"

namespace lemu::sources::s3 {
namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("s3");
    return instance;
}

boost::asio::awaitable<void> invoke_once(invoke::FunctionInvoker& invoker, S3EventDelivery delivery) {
    try {
        invoke::InvocationResult result = co_await invoker.invoke(make_invoke_call(delivery));
        logger()->debug("S3 event {} for s3://{}/{} queued for {} (status {})", delivery.event_name, delivery.bucket,
                        delivery.key, delivery.function_arn, result.status_code);
    } catch (const AwsError& e) {
        // What LocalStack logs for the same situation; AWS drops it silently (fact 43).
        logger()->warn("Unable to send notification for S3 bucket \"{}\" to Lambda function \"{}\": {}: {}",
                       delivery.bucket, delivery.function_arn, e.name(), e.message());
    }
}

}  // namespace

invoke::InvokeCall make_invoke_call(const S3EventDelivery& delivery) {
    invoke::InvokeCall call;
    call.function_name = delivery.function_arn;
    call.payload = delivery.payload;
    call.type = invoke::InvocationType::Event;
    call.caller.principal = std::string(kS3Principal);
    call.caller.source_arn = delivery.source_arn;
    call.caller.source_account = delivery.source_account;
    call.caller.source = "s3";
    return call;
}

void S3NotificationDispatcher::deliver(S3EventDelivery delivery) {
    std::string target = delivery.function_arn;
    boost::asio::co_spawn(executor_, invoke_once(invoker_, std::move(delivery)),
                          [target = std::move(target)](std::exception_ptr e) {
                              if (!e) {
                                  return;
                              }
                              try {
                                  std::rethrow_exception(e);
                              } catch (const std::exception& ex) {
                                  logger()->error("S3 notification to {} failed: {}", target, ex.what());
                              }
                          });
}

}  // namespace lemu::sources::s3
