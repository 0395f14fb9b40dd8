#pragma once
// Amazon SQS on the edge port: JSON 1.0 (`X-Amz-Target: AmazonSQS.<Op>`, what botocore >= 1.34.90, awscli
// and the AWS SDK for JavaScript v3 send) and the query protocol (form-encoded `Action=<Op>` to `/` or to
// a queue URL path `/ACCOUNT/NAME`, XML replies; older SDKs). A thin codec over sources::sqs::QueueStore;
// ReceiveMessage long-polls through QueueNotifier.

#include <nlohmann/json_fwd.hpp>

#include "routers/http/router.hpp"
#include "sources/sqs/queue_notifier.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::routers::sqs {

class SqsRouter final : public http::Router {
public:
    SqsRouter(sources::sqs::QueueStore& store, sources::sqs::QueueNotifier& notifier);

    std::string_view name() const override { return "sqs"; }
    // X-Amz-Target AmazonSQS.*, a SigV4 scope of `sqs`, or a form/`?Action=` request to `/` or a queue path.
    bool matches(const http::Request& head) const override;
    boost::asio::awaitable<http::Response> handle(http::Request& request) override;
    http::Response render(const AwsError& error, const http::Request& request) const override;

    // GET /_lemu/sqs: queues with their message counts, and the receivers long-polling each queue.
    nlohmann::json report() const;

private:
    sources::sqs::QueueStore& store_;
    sources::sqs::QueueNotifier& notifier_;
};

}  // namespace lemu::routers::sqs
