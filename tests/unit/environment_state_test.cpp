#include "emulator/invoke/environment_state.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <utility>

using namespace lemu::invoke;

namespace {

const EnvironmentState kStates[] = {EnvironmentState::Spawning,   EnvironmentState::Initializing,
                                    EnvironmentState::Idle,       EnvironmentState::Invoking,
                                    EnvironmentState::InitFailed, EnvironmentState::TimedOut,
                                    EnvironmentState::Exited,     EnvironmentState::Stopped};
const EnvironmentEvent kEvents[] = {EnvironmentEvent::Launched,    EnvironmentEvent::LaunchFailed,
                                    EnvironmentEvent::InitDone,    EnvironmentEvent::Dispatch,
                                    EnvironmentEvent::Complete,    EnvironmentEvent::InitError,
                                    EnvironmentEvent::InitTimeout, EnvironmentEvent::Timeout,
                                    EnvironmentEvent::Exit,        EnvironmentEvent::Stop};
const RuntimePhase kPhases[] = {RuntimePhase::Started, RuntimePhase::Ready, RuntimePhase::Running,
                                RuntimePhase::ResponseSent, RuntimePhase::InitError};
const RuntimeCall kCalls[] = {RuntimeCall::Next, RuntimeCall::Dispatch, RuntimeCall::Response,
                              RuntimeCall::Error, RuntimeCall::InitError};

using S = EnvironmentState;
using E = EnvironmentEvent;

// The transition table of environment_state.hpp, written out once more: every pair not listed is illegal.
const std::map<std::pair<S, E>, S> kLegal = {
    {{S::Spawning, E::Launched}, S::Initializing},
    {{S::Spawning, E::LaunchFailed}, S::InitFailed},
    {{S::Spawning, E::Stop}, S::Stopped},
    {{S::Initializing, E::InitDone}, S::Idle},
    {{S::Initializing, E::InitError}, S::InitFailed},
    {{S::Initializing, E::InitTimeout}, S::TimedOut},
    {{S::Initializing, E::Exit}, S::Exited},
    {{S::Initializing, E::Stop}, S::Stopped},
    {{S::Idle, E::Dispatch}, S::Invoking},
    {{S::Idle, E::Exit}, S::Exited},
    {{S::Idle, E::Stop}, S::Stopped},
    {{S::Invoking, E::Complete}, S::Idle},
    {{S::Invoking, E::Timeout}, S::TimedOut},
    {{S::Invoking, E::Exit}, S::Exited},
    {{S::Invoking, E::Stop}, S::Stopped},
};

}  // namespace

TEST_CASE("environment lifecycle: every legal transition leads where the table says", "[unit][invoke]") {
    for (const auto& [from_event, to] : kLegal) {
        INFO(to_string(from_event.first) << " + " << to_string(from_event.second));
        auto next = next_state(from_event.first, from_event.second);
        REQUIRE(next.has_value());
        CHECK(*next == to);
    }
}

TEST_CASE("environment lifecycle: every other transition is illegal", "[unit][invoke]") {
    int illegal = 0;
    for (S state : kStates) {
        for (E event : kEvents) {
            if (kLegal.count({state, event}) != 0) {
                continue;
            }
            INFO(to_string(state) << " + " << to_string(event));
            CHECK_FALSE(next_state(state, event).has_value());
            ++illegal;
        }
    }
    CHECK(illegal == 8 * 10 - static_cast<int>(kLegal.size()));
}

TEST_CASE("terminal states take no event at all", "[unit][invoke]") {
    for (S state : {S::InitFailed, S::TimedOut, S::Exited, S::Stopped}) {
        CHECK(is_terminal(state));
        for (E event : kEvents) {
            CHECK_FALSE(next_state(state, event).has_value());
        }
    }
    for (S state : {S::Spawning, S::Initializing, S::Idle, S::Invoking}) {
        CHECK_FALSE(is_terminal(state));
    }
}

TEST_CASE("runtime phase follows RIE's rapid core", "[unit][invoke]") {
    using P = RuntimePhase;
    using C = RuntimeCall;
    const std::map<std::pair<P, C>, P> legal = {
        {{P::Started, C::Next}, P::Ready},         {{P::Started, C::InitError}, P::InitError},
        {{P::Ready, C::Next}, P::Ready},           {{P::Ready, C::Dispatch}, P::Running},
        {{P::Running, C::Next}, P::Running},       {{P::Running, C::Response}, P::ResponseSent},
        {{P::Running, C::Error}, P::ResponseSent}, {{P::ResponseSent, C::Next}, P::Ready},
    };
    for (P phase : kPhases) {
        for (C call : kCalls) {
            auto next = next_phase(phase, call);
            auto it = legal.find({phase, call});
            INFO(rie_name(phase) << " call " << static_cast<int>(call));
            if (it == legal.end()) {
                CHECK_FALSE(next.has_value());
            } else {
                REQUIRE(next.has_value());
                CHECK(*next == it->second);
            }
        }
    }
}

TEST_CASE("illegal runtime calls carry RIE's 403 texts", "[unit][invoke]") {
    CHECK(transition_error_message(RuntimePhase::ResponseSent, RuntimeCall::Response) ==
          "State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. "
          "Error: State transition is not allowed");
    CHECK(transition_error_message(RuntimePhase::ResponseSent, RuntimeCall::Error) ==
          "State transition from RuntimeResponseSentState to InvocationErrorResponse failed for runtime. "
          "Error: State transition is not allowed");
    CHECK(transition_error_message(RuntimePhase::Running, RuntimeCall::InitError) ==
          "State transition from Running to InitError failed for runtime. Error: State transition is not "
          "allowed");
    CHECK(transition_error_message(RuntimePhase::InitError, RuntimeCall::Next) ==
          "State transition from InitError to Ready failed for runtime. Error: State transition is not "
          "allowed");
    CHECK(transition_error_message(RuntimePhase::Ready, RuntimeCall::Response) ==
          "State transition from Ready to InvocationResponse failed for runtime. Error: State transition is "
          "not allowed");
}
