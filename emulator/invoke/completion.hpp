#pragma once
// A parked asynchronous operation, completed later from whichever thread learns the outcome. The
// handler's own executor (the waiting coroutine's) is captured when it is parked, and the completion
// is posted there, never run inline: safe to call with locks held, and it costs one queue push
// instead of a strand hop through the completing thread.

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/post.hpp>

#include <utility>

namespace lemu::invoke {

template <typename Signature>
class Parked;

template <typename... Args>
class Parked<void(Args...)> {
public:
    template <typename Handler>
    explicit Parked(Handler&& handler)
        : executor_(boost::asio::get_associated_executor(handler)),
          handler_(std::forward<Handler>(handler)) {}

    void complete(Args... args) {
        boost::asio::post(executor_, [h = std::move(handler_), ... a = std::move(args)]() mutable {
            std::move(h)(std::move(a)...);
        });
    }

private:
    boost::asio::any_io_executor executor_;
    boost::asio::any_completion_handler<void(Args...)> handler_;
};

}  // namespace lemu::invoke
