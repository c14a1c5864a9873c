#include "bellwether/dialogue.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string_view>

#include "bellwether/audit_log.hpp"
#include "bellwether/error.hpp"
#include "intent/vocabulary.hpp"

namespace bellwether::intent {
namespace {
using nlohmann::json;

std::string words_of_name(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  std::replace(name.begin(), name.end(), '-', ' ');
  return name;
}

std::string join(const std::vector<std::string>& items, const std::string& glue) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : glue) + item;
  return out;
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The conversation's state for one turn, read from and written back to the session JSON.
struct Conversation {
  const Intent* intent = nullptr;
  std::map<std::string, std::string> params;
  std::string state = "collecting";
  std::string pending;
  double confidence = 0;
  std::vector<Candidate> candidates;
  std::vector<RejectedValue> rejected;
  std::vector<std::string> evidence;
  json extra = json::object();  // request, queue_url … of a trigger
  std::string reply;
};

std::vector<std::string> missing_of(const Intent& intent, const std::map<std::string, std::string>& params) {
  std::vector<std::string> out;
  for (const auto& p : intent.parameters) {
    if (p.required && !params.contains(p.name) && !p.default_value) out.push_back(p.name);
  }
  return out;
}

JobParameters job_parameters(const Intent& intent, const std::map<std::string, std::string>& params) {
  JobParameters out;
  for (const auto& p : intent.parameters) {
    if (const auto it = params.find(p.name); it != params.end()) {
      out.emplace_back(p.name, it->second);
    } else if (p.default_value) {
      out.emplace_back(p.name, *p.default_value);
    }
  }
  return out;
}

std::string question_for(const Parameter& p) {
  std::string q = "Which " + words_of_name(p.name) + "?";
  if (!p.description.empty()) q += " (" + p.description + ")";
  if (p.type == ParameterType::choice) q += " One of: " + join(p.choices, ", ") + ".";
  if (p.type == ParameterType::integer) q += " A whole number.";
  if (p.type == ParameterType::boolean) q += " Yes or no.";
  return q;
}

std::string summary_of(const Intent& intent, const std::map<std::string, std::string>& params) {
  std::vector<std::string> lines;
  for (const auto& p : intent.parameters) {
    if (const auto it = params.find(p.name); it != params.end()) {
      lines.push_back(p.name + "=" + it->second);
    } else if (p.default_value) {
      lines.push_back(p.name + "=" + *p.default_value + " (default)");
    } else {
      lines.push_back(p.name + " not set");
    }
  }
  std::string s = "Run " + intent.jenkins_job + " (" + intent.name + ")";
  if (!lines.empty()) s += " with " + join(lines, ", ");
  return s;
}

std::optional<std::string> refusal(const Intent& intent, const TurnContext& context) {
  const auto listed = [](const std::vector<std::string>& list, const std::string& who) {
    return list.empty() || std::find(list.begin(), list.end(), who) != list.end();
  };
  if (!listed(intent.allowed_users, context.user)) {
    return "user " + context.user + " may not run " + intent.name + " (allowed: " + join(intent.allowed_users, ", ") + ")";
  }
  if (!listed(intent.allowed_channels, context.channel)) {
    return intent.name + " may only be run from " + join(intent.allowed_channels, ", ") +
           (context.channel.empty() ? "" : ", not from " + context.channel);
  }
  return std::nullopt;
}

std::string help_text(const JobRegistry& registry) {
  std::string s = "I can run these jobs:";
  for (const auto& intent : registry.intents) {
    s += "\n• " + intent.name + ": " + intent.description;
    if (!intent.examples.empty()) s += " (e.g. \"" + intent.examples.front() + "\")";
    if (!intent.documentation.empty()) s += " " + intent.documentation;
  }
  s += "\nSay \"cancel\" at any time to stop.";
  return s;
}

std::string closest_text(const Matcher& matcher, const Understanding& u) {
  if (u.candidates.empty()) return "I could not match that to a job I can run. Say \"help\" to see what I can do.";
  std::vector<std::string> names;
  for (const auto& c : u.candidates) {
    const Intent* intent = matcher.registry().find(c.intent);
    names.push_back(c.intent + " (" + (intent ? intent->description : std::string()) + ")");
  }
  if (u.ambiguous) return "Did you mean " + join(names, " or ") + "? Please say which.";
  return "I could not match that to a job I can run. Closest: " + join(names, "; ") + ". Say \"help\" to see everything.";
}

const Parameter* parameter_named(const Intent& intent, const std::string& name) {
  for (const auto& p : intent.parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// What the open conversation waits for: the pending parameter, or the confirmation.
std::string pending_question(const Conversation& c) {
  if (const Parameter* p = parameter_named(*c.intent, c.pending); p && c.state == "collecting") return question_for(*p);
  return summary_of(*c.intent, c.params) + "? Say yes to run it, or no to cancel.";
}

// The answer as typed, without surrounding blanks or one pair of wrapping backticks/quotes
// (chat clients wrap code that way).
std::string bare_answer(std::string_view message) {
  std::string s(message);
  const auto first = s.find_first_not_of(" \t\r\n");
  const auto last = s.find_last_not_of(" \t\r\n");
  s = first == std::string::npos ? "" : s.substr(first, last - first + 1);
  if (s.size() >= 2 && (s.front() == '`' || s.front() == '"' || s.front() == '\'') && s.back() == s.front() &&
      s.find(s.front(), 1) == s.size() - 1) {
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

bool has_shell_or_control_characters(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return std::iscntrl(c) || std::string_view("`$;|&<>\\(){}").find(ch) != std::string_view::npos;
  });
}

std::string first_example(const JobRegistry& registry) {
  const Intent& first = registry.intents.front();
  return first.examples.empty() ? words_of_name(first.name) : first.examples.front();
}

json to_json(const Conversation& c) {
  json answer;
  answer["intent"] = c.intent ? json(c.intent->name) : json(nullptr);
  answer["confidence"] = std::round(c.confidence * 1000) / 1000;
  answer["params"] = json(c.params);
  answer["missing"] = c.intent ? json(missing_of(*c.intent, c.params)) : json::array();
  answer["state"] = c.state;
  answer["reply"] = c.reply;
  answer["job"] = c.intent ? json(c.intent->jenkins_job) : json(nullptr);
  json candidates = json::array();
  for (const auto& cand : c.candidates) candidates.push_back({{"intent", cand.intent}, {"confidence", std::round(cand.confidence * 1000) / 1000}});
  answer["candidates"] = candidates;
  if (!c.rejected.empty()) {
    json rejected = json::array();
    for (const auto& r : c.rejected) rejected.push_back({{"parameter", r.parameter}, {"value", r.value}, {"problem", r.problem}});
    answer["rejected"] = rejected;
  }
  if (!c.evidence.empty()) answer["evidence"] = c.evidence;
  for (const auto& [key, value] : c.extra.items()) answer[key] = value;
  return answer;
}

}  // namespace

Dialogue::Dialogue(const Matcher& matcher, TriggerJob trigger, AuditSink audit, Proposer proposer)
    : matcher_(matcher), trigger_(std::move(trigger)), audit_(std::move(audit)), proposer_(std::move(proposer)) {}

json Dialogue::turn(std::optional<json>& session, std::string_view message, const TurnContext& context) const {
  const JobRegistry& registry = matcher_.registry();
  Conversation c;
  // The stored session, if it still names an intent of this registry.
  if (session && session->is_object()) {
    const std::string name = session->value("intent", "");
    c.intent = registry.find(name);
    if (c.intent) {
      c.state = session->value("state", "collecting");
      c.pending = session->value("pending", "");
      c.confidence = session->value("confidence", 0.0);
      if (const auto it = session->find("params"); it != session->end() && it->is_object()) {
        for (const auto& [k, v] : it->items()) {
          if (v.is_string()) c.params[k] = v.get<std::string>();
        }
      }
    }
  }
  const bool active = c.intent && (c.state == "collecting" || c.state == "confirm");
  if (!active) c = Conversation{};

  const auto audit = [&](const std::string& result, const std::string& detail, const JobParameters& params) {
    if (!audit_) return;
    json p = json::object();
    for (const auto& [k, v] : params) p[k] = v;
    audit_({{"time", now_seconds()}, {"user", context.user}, {"channel", context.channel},
            {"intent", c.intent ? c.intent->name : ""}, {"job", c.intent ? c.intent->jenkins_job : ""},
            {"params", mask_secrets(p)}, {"result", result}, {"detail", detail}});
  };
  const auto finish = [&](bool keep) {
    if (keep && c.intent) {
      session = json{{"intent", c.intent->name}, {"params", c.params}, {"state", c.state}, {"pending", c.pending},
                     {"confidence", c.confidence}, {"user", context.user}, {"channel", context.channel}};
    } else {
      session.reset();
    }
    return to_json(c);
  };

  if (message.size() > kMaxMessageBytes) {
    c.reply = "That message is too long (" + std::to_string(message.size()) + " bytes; at most " +
              std::to_string(kMaxMessageBytes) + "). Please say what you need in a sentence.";
    return finish(active);
  }
  const std::string said = normalize_message(message);
  if (said.empty()) {
    c.reply = active ? pending_question(c)
                     : "Say what you need, for example \"" + first_example(registry) + "\", or \"help\".";
    return finish(active);
  }
  if (means_cancel(said) || (active && c.state == "confirm" && means_no(said))) {
    if (active) {
      c.state = "cancelled";
      c.reply = "Cancelled " + c.intent->name + "; nothing was triggered.";
    } else {
      c.reply = "There is nothing to cancel.";
    }
    return finish(false);
  }
  if (means_help(said)) {
    c.reply = help_text(registry);
    if (active) c.reply += "\n(Still open: " + c.intent->name + ".)";
    return finish(active);
  }

  const auto trigger = [&]() {
    const JobParameters params = job_parameters(*c.intent, c.params);
    if (auto why = refusal(*c.intent, context)) {
      audit("refused", *why, params);
      c.state = "cancelled";
      c.reply = "Not allowed: " + *why + ".";
      return finish(false);
    }
    const bool dry = context.dry_run || c.intent->dry_run;
    try {
      c.extra = trigger_(*c.intent, params, dry);
    } catch (const Error& e) {
      audit("failed", e.what(), params);
      c.state = "confirm";
      c.extra = {{"error", e.what()}};
      c.reply = "Jenkins did not take the request: " + std::string(e.what()) + ". Say yes to try again, or cancel.";
      return finish(true);
    }
    c.extra["dry_run"] = dry;
    // The registry's own setting, for surfaces that start the build themselves (the Jenkins plugin).
    c.extra["intent_dry_run"] = c.intent->dry_run;
    audit(dry ? "dry_run" : "triggered", c.extra.value("queue_url", ""), params);
    c.state = "triggered";
    c.reply = dry ? "Dry run: this is the request I would send to Jenkins for " + c.intent->jenkins_job + "; nothing was sent."
                  : "Triggered " + c.intent->jenkins_job + "." +
                        (c.extra.contains("queue_url") ? " Queued as " + c.extra["queue_url"].get<std::string>() + "." : "");
    return finish(false);
  };

  // Apply stated values, then ask for what is wrong or missing, or for the confirmation.
  const auto advance = [&](const Extraction& e) {
    for (const auto& [k, v] : e.params) c.params[k] = v;
    c.rejected = e.rejected;
    if (!e.rejected.empty()) {
      const RejectedValue& r = e.rejected.front();
      c.params.erase(r.parameter);
      c.pending = r.parameter;
      c.state = "collecting";
      const Parameter* p = parameter_named(*c.intent, r.parameter);
      c.reply = "That " + words_of_name(r.parameter) + " is not valid: " + r.problem + ". " + (p ? question_for(*p) : "");
      return finish(true);
    }
    const auto missing = missing_of(*c.intent, c.params);
    if (!missing.empty()) {
      c.state = "collecting";
      c.pending = missing.front();
      std::string lead;
      if (!e.unknown_keys.empty()) lead = c.intent->name + " has no parameter " + join(e.unknown_keys, ", ") + ". ";
      c.reply = lead + pending_question(c);
      return finish(true);
    }
    c.pending.clear();
    if (!c.intent->confirm) return trigger();
    c.state = "confirm";
    std::string lead;
    if (!e.unknown_keys.empty()) lead = c.intent->name + " has no parameter " + join(e.unknown_keys, ", ") + ". ";
    c.reply = lead + summary_of(*c.intent, c.params) + "? Say yes to run it, or no to cancel.";
    return finish(true);
  };

  const auto start = [&](const Understanding& u) {
    c = Conversation{};
    c.intent = u.intent;
    c.confidence = u.confidence;
    c.candidates = u.candidates;
    c.evidence = u.evidence;
    if (auto why = refusal(*c.intent, context)) {
      audit("refused", *why, {});
      c.state = "cancelled";
      c.reply = "Not allowed: " + *why + ".";
      return finish(false);
    }
    return advance(u.extraction);
  };

  // A fresh request, or one that clearly replaces the open conversation.
  const auto understand = [&]() {
    if (proposer_) {
      if (auto proposal = proposer_(message); proposal && proposal->intent) return *proposal;
    }
    return matcher_.understand(message);
  };

  if (!active) {
    const Understanding u = understand();
    if (!u.intent) {
      c.confidence = u.confidence;
      c.candidates = u.candidates;
      c.evidence = u.evidence;
      c.reply = closest_text(matcher_, u);
      return finish(false);
    }
    return start(u);
  }

  if (c.state == "confirm" && means_yes(said)) return trigger();
  if (c.state == "collecting" && means_yes(said) && c.pending.empty()) return advance({});

  // A bare answer with shell or control characters ("$(whoami)", "a;b", a newline) is the
  // value the user typed, whole: checked as such, so it is refused with the reason rather
  // than cut into a harmless-looking fragment.
  const Parameter* pending = c.state == "collecting" ? parameter_named(*c.intent, c.pending) : nullptr;
  if (pending) {
    const std::string raw = bare_answer(message);
    if (has_shell_or_control_characters(raw)) {
      Extraction e;
      const ValueCheck check = check_value(*pending, raw);
      if (check.value) {
        e.params[pending->name] = *check.value;
      } else {
        e.rejected.push_back({pending->name, raw, check.problem});
      }
      return advance(e);
    }
    // "yes" to "Which namespace?" is not a namespace.
    if (pending->type != ParameterType::boolean && (means_yes(said) || means_no(said))) {
      c.reply = "I still need the " + words_of_name(pending->name) + ". " + pending_question(c) + " (Say cancel to stop.)";
      return finish(true);
    }
  }

  const Understanding u = matcher_.understand(message);
  if (u.intent && u.intent != c.intent && !u.ambiguous) return start(u);

  const Extraction e = matcher_.extract(*c.intent, message, c.state == "collecting" ? c.pending : "");
  if (!e.params.empty() || !e.rejected.empty() || !e.unknown_keys.empty()) return advance(e);

  if (c.state == "confirm") {
    c.reply = "I did not catch a change in that. " + summary_of(*c.intent, c.params) + "? Say yes to run it, no to cancel, or what to change.";
    return finish(true);
  }
  c.reply = "I did not get a " + words_of_name(c.pending) + " from that. " + pending_question(c);
  return finish(true);
}

}  // namespace bellwether::intent
