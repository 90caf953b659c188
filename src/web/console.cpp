#include "web/console.hpp"

#include "domain/admin_session.hpp"
#include "domain/etag.hpp"
#include "domain/requests.hpp"
#include "http/target_decoding.hpp"
#include "service/errors.hpp"
#include "web/console_chart.hpp"
#include "web/console_form.hpp"
#include "web/links.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>

#include <cstdio>
#include <map>

namespace coursedist::web {

namespace mustache = kainjow::mustache;
using http::PathParams;
using http::Request;
using http::Response;

namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kCookieName = "coursedist_session";
constexpr std::string_view kSecurePrefix = "__Host-";

using Fields = std::map<std::string, std::string, std::less<>>;

// The origin (scheme://host[:port]) of a URL.
std::string origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    const auto path = url.find('/', scheme_end + 3);
    return std::string(url.substr(0, path));
}

std::string rate(const std::optional<double>& ctr) {
    if (!ctr) return "–";
    char text[32];
    std::snprintf(text, sizeof text, "%.2f %%", *ctr * 100);
    return text;
}

std::string distribution_href(const std::string& id) {
    return "/admin/distributions/" + query_escape(id);
}

// A signed-in request: its session's CSRF token.
struct Signed {
    std::string csrf;
};

class Console {
  public:
    explicit Console(ConsoleDependencies& deps)
        : service_(deps.service),
          stats_(deps.stats),
          sessions_(deps.sessions),
          webhooks_(deps.webhooks),
          auth_(deps.auth),
          renderer_(deps.renderer),
          page_size_(deps.page_size),
          secure_(deps.renderer.site().base_url.starts_with("https://")),
          cookie_name_(console_cookie_name(deps.renderer.site().base_url)),
          base_origin_(origin_of(deps.renderer.site().base_url)),
          style_(render("console_css.mustache", {})),
          script_(render("console_js.mustache", {})) {}

    // --- sign-in --------------------------------------------------------------------------

    Response login_page(const Request& req) const { return login_form(req, 200, std::nullopt); }

    Response sign_in(const Request& req) {
        if (cross_site(req)) return refused("The request came from another site.");
        const auto client = req.client_address;
        const double now = sessions_.now();
        if (auto wait = throttle_.blocked_for(client, now)) {
            auto r = login_form(req, 429, "Too many wrong tokens. Try again in a minute.");
            r.set("Retry-After", std::to_string(*wait));
            return r;
        }
        const auto fields = form_of(req);
        const auto token = field(fields, "token");
        const auto fingerprint = auth_.fingerprint_of(token);
        if (!fingerprint) {
            throttle_.failed(client, now);
            return login_form(req, 401, "This is not a valid admin token.");
        }
        const auto value = sessions_.start(*fingerprint);
        const auto next = field(fields, "next");
        auto r =
            redirect(domain::is_local_path(next) && is_console_path_text(next) ? next : "/admin");
        r.headers.emplace_back("Set-Cookie", cookie(value, sessions_.limits().max_seconds));
        return r;
    }

    Response sign_out(const Request& req) {
        return post(req, [&](const Signed&, const Fields&) {
            sessions_.end(session_value(req));
            auto r = redirect("/admin/login");
            r.headers.emplace_back("Set-Cookie", cookie("", 0));
            return r;
        });
    }

    Response style() const { return asset(style_, "text/css; charset=utf-8"); }
    Response script() const { return asset(script_, "text/javascript; charset=utf-8"); }

    // --- pages ----------------------------------------------------------------------------

    Response dashboard(const Request& req) {
        return page(req, [&](const Signed& s) {
            auto view = base_view("Dashboard", s);
            const auto catalog = stats_.catalog({});
            view["views"] = std::to_string(catalog.totals.views);
            view["clicks"] = std::to_string(catalog.totals.clicks);
            view["click_through_rate"] = rate(catalog.totals.click_through_rate());
            view["chart"] = views_and_clicks_chart(
                catalog.series, "Views and clicks per day, last 30 days", "dashboard-chart");
            mustache::list top;
            for (const auto& t : catalog.top) {
                mustache::data row;
                row["href"] = distribution_href(t.distribution_id);
                row["title"] = t.title;
                row["views"] = std::to_string(t.views);
                row["clicks"] = std::to_string(t.clicks);
                row["click_through_rate"] =
                    rate(service::StatsTotals{t.views, t.clicks}.click_through_rate());
                top.push_back(row);
            }
            view["has_top"] = !top.empty();
            view["top"] = top;
            mustache::list visibilities;
            for (auto v : {domain::Visibility::Public, domain::Visibility::Unlisted,
                           domain::Visibility::Private}) {
                mustache::data row;
                row["label"] = visibility_label(v);
                row["count"] = std::to_string(count_with(v));
                row["href"] =
                    "/admin/distributions?visibility=" + std::string(domain::to_string(v));
                visibilities.push_back(row);
            }
            view["visibilities"] = visibilities;
            view["outbox_backlog"] =
                std::to_string(service_.store().begin_read()->outbox_backlog());
            return html(200, render("console_dashboard.mustache", view));
        });
    }

    Response distributions(const Request& req) {
        return page(req, [&](const Signed& s) {
            auto view = base_view("Distributions", s);
            service::ListRequest list;
            list.catalog = false;
            list.limit = page_size_;
            list.q = non_empty(req.query_param("q"));
            list.language = non_empty(req.query_param("language"));
            list.target_group = non_empty(req.query_param("target_group"));
            list.cursor = non_empty(req.query_param("cursor"));
            const auto visibility = non_empty(req.query_param("visibility"));
            if (visibility) list.visibility = domain::parse_visibility(*visibility);
            service::ListResult result;
            try {
                result = service_.list(list);
            } catch (const service::ValidationFailed&) {
                list.cursor.reset();  // a stale or edited cursor: the first page
                result = service_.list(list);
            }
            view["q"] = list.q.value_or("");
            view["language"] = list.language.value_or("");
            view["target_group"] = list.target_group.value_or("");
            mustache::list options;
            for (std::string v : {"", "public", "unlisted", "private"}) {
                mustache::data o;
                o["value"] = v;
                o["label"] =
                    v.empty() ? std::string("Any") : visibility_label(*domain::parse_visibility(v));
                o["selected"] = (list.visibility ? std::string(domain::to_string(*list.visibility))
                                                 : std::string()) == v;
                options.push_back(o);
            }
            view["visibility_options"] = options;
            mustache::list rows;
            for (const auto& d : result.items) {
                mustache::data row;
                row["href"] = distribution_href(d.distribution_id);
                row["title"] = d.title;
                row["slug"] = d.slug;
                row["language"] = d.language;
                row["visibility"] = visibility_label(d.visibility);
                row["version"] = d.version;
                row["views"] = std::to_string(d.view_count);
                row["clicks"] = std::to_string(d.enrollment_count);
                row["updated"] = day_of(d.updated_at);
                rows.push_back(row);
            }
            view["has_rows"] = !rows.empty();
            view["rows"] = rows;
            if (result.next_cursor) {
                auto next = list;
                next.cursor = result.next_cursor;
                view["next_href"] = list_href(next);
            }
            if (list.cursor) {
                auto first = list;
                first.cursor.reset();
                view["first_href"] = list_href(first);
            }
            return html(200, render("console_distributions.mustache", view));
        });
    }

    Response distribution(const Request& req, const std::string& id) {
        return page(req, [&](const Signed& s) { return distribution_page(req, id, s, {}); });
    }

    // --- actions --------------------------------------------------------------------------

    Response publish(const Request& req, const std::string& id) {
        return post(req, [&](const Signed&, const Fields&) {
            service_.publish(id, context(req));
            return redirect(distribution_href(id) + "?done=published");
        });
    }

    Response unpublish(const Request& req, const std::string& id) {
        return post(req, [&](const Signed&, const Fields&) {
            service_.unpublish(id, context(req));
            return redirect(distribution_href(id) + "?done=unpublished");
        });
    }

    Response new_form(const Request& req) {
        return page(req, [&](const Signed& s) {
            FormValues values{{"language", "en"}, {"cta_action", "open_course"}};
            return new_page(s, 200, values, {});
        });
    }

    // The create form, decoded and checked as the API's create is; on an invalid submit the form
    // again (422) with every error beside its field and the typed values.
    Response create(const Request& req) {
        return post(req, [&](const Signed& s, const Fields& fields) {
            const FormValues values(fields.begin(), fields.end());
            auto decoded = domain::decode_create(create_body(values));
            if (!decoded.ok()) return new_page(s, 422, values, errors_by_field(decoded.errors));
            try {
                const auto d = service_.create(decoded.value, context(req));
                return redirect(distribution_href(d.distribution_id) + "?done=created");
            } catch (const service::ValidationFailed& e) {
                return new_page(s, 422, values, errors_by_field(e.errors()));
            } catch (const service::Conflict& e) {
                return new_page(s, 409, values, {{"slug", {e.what()}}});
            }
        });
    }

    // The edit form, as the API's PUT with If-Match: the ETag the form was opened on.
    Response save(const Request& req, const std::string& id) {
        return post(req, [&](const Signed& s, const Fields& fields) {
            const FormValues values(fields.begin(), fields.end());
            const auto current = service_.get(id);
            auto decoded = domain::decode_update(update_body(values, current));
            if (!decoded.ok())
                return distribution_page(req, current, s, 422, values,
                                         errors_by_field(decoded.errors));
            try {
                service_.update(id, decoded.value, field(fields, "etag"), context(req));
                return redirect(distribution_href(id) + "?done=saved");
            } catch (const service::ValidationFailed& e) {
                return distribution_page(req, current, s, 422, values, errors_by_field(e.errors()));
            } catch (const service::Conflict& e) {
                return distribution_page(req, current, s, 409, values, {{"slug", {e.what()}}});
            } catch (const service::PreconditionFailed&) {
                // Changed meanwhile: the current values, not the typed ones over them.
                const auto now = service_.get(id);
                return distribution_page(req, now, s, 409, form_values(now), {}, true);
            }
        });
    }

    Response bump(const Request& req, const std::string& id) {
        return post(req, [&](const Signed&, const Fields& fields) {
            const auto text = field(fields, "changelog");
            boost::json::value body = boost::json::object{};
            if (!text.empty()) body = boost::json::object{{"changelog", text}};
            auto decoded = domain::decode_version_bump(body);
            if (!decoded.ok()) return message(422, "Refused", decoded.errors.front().message);
            service_.bump_version(id, decoded.value.changelog, context(req));
            return redirect(distribution_href(id) + "?done=bumped");
        });
    }

    Response create_variant(const Request& req, const std::string& id) {
        return post(req, [&](const Signed&, const Fields& fields) {
            boost::json::array groups;
            for (const auto& group : comma_separated(field(fields, "variant_target_groups")))
                groups.emplace_back(group);
            boost::json::object body{{"target_group", std::move(groups)}};
            if (auto slug = field(fields, "variant_slug"); !slug.empty()) body["slug"] = slug;
            auto decoded = domain::decode_variant(body);
            if (!decoded.ok()) return message(422, "Refused", errors_text(decoded.errors));
            try {
                const auto v = service_.create_variant(id, decoded.value, context(req));
                return redirect(distribution_href(v.distribution_id) + "?done=created");
            } catch (const service::ValidationFailed& e) {
                return message(422, "Refused", errors_text(e.errors()));
            }
        });
    }

    // Refused with its reason (409) while variants exist.
    Response remove(const Request& req, const std::string& id) {
        return post(req, [&](const Signed&, const Fields&) {
            service_.remove(id, context(req));
            return redirect("/admin/distributions?done=deleted");
        });
    }

    // The event log (the outbox), newest first, filterable by type, 50 a page.
    Response events(const Request& req) {
        return page(req, [&](const Signed& s) {
            auto view = base_view("Event log", s);
            const auto type = non_empty(req.query_param("type"));
            std::optional<std::int64_t> before;
            if (auto b = req.query_param("before")) {
                try {
                    before = std::stoll(std::string(*b));
                } catch (const std::exception&) {
                }
            }
            auto tx = service_.store().begin_read();
            view["outbox_backlog"] = std::to_string(tx->outbox_backlog());
            const auto newest = newest_events(*tx, before, type, kEventsPerPage);
            mustache::list rows;
            for (const auto& e : newest) {
                mustache::data row;
                row["seq"] = std::to_string(e.seq);
                row["event_type"] = e.event_type;
                row["created"] = utc(e.created_at, "%Y-%m-%d %H:%M:%S UTC");
                row["event_id"] = e.event_id;
                rows.push_back(row);
            }
            view["type"] = type.value_or("");
            view["has_events"] = !rows.empty();
            view["events"] = rows;
            if (newest.size() == kEventsPerPage && newest.back().seq > 1)
                view["older_href"] = "/admin/events?before=" + std::to_string(newest.back().seq) +
                                     (type ? "&type=" + query_escape(*type) : std::string());
            return html(200, render("console_events.mustache", view));
        });
    }

    // --- webhooks (the webhook API's service calls) ---------------------------------------

    Response webhooks(const Request& req) {
        return page(req, [&](const Signed& s) { return webhooks_page(s, 200, {}, {}, nullptr); });
    }

    Response create_webhook(const Request& req) {
        return post(req, [&](const Signed& s, const Fields& fields) {
            boost::json::array events;
            for (const auto& e : comma_separated(field(fields, "events"))) events.emplace_back(e);
            boost::json::object body{{"url", field(fields, "url")}, {"events", std::move(events)}};
            if (auto d = field(fields, "description"); !d.empty()) body["description"] = d;
            try {
                const auto created = webhooks_.create(body);
                return webhooks_page(s, 201, {}, {}, &created);
            } catch (const service::ValidationFailed& e) {
                return webhooks_page(s, 422, fields, e.errors(), nullptr);
            }
        });
    }

    Response rotate_webhook(const Request& req, const std::string& id) {
        return post(req, [&](const Signed& s, const Fields&) {
            const auto rotated = webhooks_.rotate_secret(id);
            return webhooks_page(s, 200, {}, {}, &rotated);
        });
    }

    Response delete_webhook(const Request& req, const std::string& id) {
        return post(req, [&](const Signed&, const Fields&) {
            webhooks_.remove(id);
            return redirect("/admin/webhooks");
        });
    }

    Response webhook(const Request& req, const std::string& id) {
        return page(req, [&](const Signed& s) {
            const auto w = webhooks_.get(id);
            auto view = base_view("Webhook", s);
            view["url"] = w.url;
            view["events"] = joined(w.events, ", ");
            view["active"] = w.active ? "active" : "inactive";
            std::optional<std::string> cursor = non_empty(req.query_param("cursor"));
            service::DeliveryPage deliveries;
            try {
                deliveries = webhooks_.deliveries(id, 50, cursor);
            } catch (const service::ValidationFailed&) {
                deliveries = webhooks_.deliveries(id, 50, std::nullopt);
            }
            mustache::list rows;
            for (const auto& a : deliveries.items) {
                mustache::data row;
                row["attempted"] = utc(a.attempted_at, "%Y-%m-%d %H:%M:%S UTC");
                row["event_type"] = a.event_type;
                row["attempt"] = std::to_string(a.attempt);
                row["status"] = a.status;
                row["response_status"] =
                    a.response_status ? std::to_string(*a.response_status) : std::string("–");
                row["error"] = a.error.value_or("");
                rows.push_back(row);
            }
            view["has_deliveries"] = !rows.empty();
            view["deliveries"] = rows;
            if (deliveries.next_cursor)
                view["next_href"] = "/admin/webhooks/" + query_escape(id) +
                                    "?cursor=" + query_escape(*deliveries.next_cursor);
            return html(200, render("console_webhook.mustache", view));
        });
    }

  private:
    Response webhooks_page(const Signed& s, int status, const Fields& typed,
                           const domain::FieldErrors& errors, const domain::Webhook* secret) {
        auto view = base_view("Webhooks", s);
        if (secret) {
            view["secret"] = secret->secret;
            view["secret_url"] = secret->url;
        }
        mustache::list rows;
        for (const auto& w : webhooks_.list()) {
            mustache::data row;
            row["href"] = "/admin/webhooks/" + query_escape(w.webhook_id);
            row["url"] = w.url;
            if (w.description) row["description"] = *w.description;
            row["events"] = joined(w.events, ", ");
            row["active"] = w.active ? "yes" : "no";
            rows.push_back(row);
        }
        view["has_webhooks"] = !rows.empty();
        view["webhooks"] = rows;
        std::string types;
        for (auto t : domain::subscribable_event_types())
            types += (types.empty() ? "" : ", ") + std::string(t);
        view["event_types"] = types;
        view["url_value"] = field(typed, "url");
        view["events_value"] = field(typed, "events");
        view["description_value"] = field(typed, "description");
        std::string url_error, events_error, other;
        for (const auto& e : errors) {
            auto& into = e.field == "url"                ? url_error
                         : e.field.starts_with("events") ? events_error
                                                         : other;
            into +=
                (into.empty() ? "" : "; ") +
                (e.field == "url" || e.field == "events" ? e.message : e.field + ": " + e.message);
        }
        if (!url_error.empty()) view["url_error"] = url_error;
        if (!events_error.empty()) view["events_error"] = events_error;
        if (!other.empty()) view["form_error"] = other;
        return html(status, render("console_webhooks.mustache", view));
    }

    static constexpr std::size_t kEventsPerPage = 50;

    // Up to `limit` events of `type` (any without) with seq below `before` (the newest without),
    // newest first. The outbox is read in commit order (outbox_after): the newest seq is found by
    // a binary search, then windows below it are read downwards.
    static std::vector<storage::OutboxEvent> newest_events(storage::Transaction& tx,
                                                           std::optional<std::int64_t> before,
                                                           const std::optional<std::string>& type,
                                                           std::size_t limit) {
        const auto any_after = [&](std::int64_t seq) { return !tx.outbox_after(seq, 1).empty(); };
        std::int64_t top = 0;  // the newest seq: the first with none after it
        if (any_after(0)) {
            std::int64_t high = 1;
            while (any_after(high)) high *= 2;
            std::int64_t low = high / 2;  // any_after(low) holds (or low is 0)
            while (high - low > 1) {
                const auto middle = low + (high - low) / 2;
                (any_after(middle) ? low : high) = middle;
            }
            top = high;
        }
        std::int64_t upper = before ? std::min(*before - 1, top) : top;  // newest seq wanted
        constexpr int kWindow = 500;
        std::vector<storage::OutboxEvent> out;
        for (int windows = 0; upper > 0 && out.size() < limit && windows < 40; ++windows) {
            const auto from = std::max<std::int64_t>(0, upper - kWindow);
            auto rows = tx.outbox_after(from, kWindow);
            for (auto it = rows.rbegin(); it != rows.rend() && out.size() < limit; ++it)
                if (it->seq <= upper && (!type || it->event_type == *type)) out.push_back(*it);
            upper = from;
        }
        return out;
    }

    // --- the page of one distribution ---------------------------------------------------

    Response new_page(const Signed& s, int status, const FormValues& values,
                      const std::map<std::string, std::vector<std::string>>& errors) const {
        auto view = base_view("New distribution", s);
        view["form"] = form_view(FormMode::Create, values, errors, renderer_.site().base_url);
        return html(status, render("console_new.mustache", view));
    }

    Response distribution_page(const Request& req, const std::string& id, const Signed& s,
                               std::optional<std::string> notice) {
        const auto d = service_.get(id);
        return distribution_page(req, d, s, 200, form_values(d), {}, false, std::move(notice));
    }

    Response distribution_page(const Request& req, const domain::Distribution& d, const Signed& s,
                               int status, const FormValues& values,
                               const std::map<std::string, std::vector<std::string>>& errors,
                               bool changed_meanwhile = false,
                               std::optional<std::string> notice = std::nullopt) {
        auto view = base_view(d.title, s);
        if (!notice)
            if (auto done = req.query_param("done")) notice = done_notice(*done);
        if (notice) view["notice"] = *notice;
        view["form"] = form_view(FormMode::Update, values, errors, renderer_.site().base_url);
        view["etag"] = domain::admin_etag(d);
        view["changed_meanwhile"] = changed_meanwhile;
        if (d.derived_from) view["parent_href"] = distribution_href(*d.derived_from);
        if (d.staging_url) view["staging_url"] = *d.staging_url;
        add_stats(view, req, d.distribution_id);
        mustache::list changelog;
        for (const auto& entry : service_.changelog(d.distribution_id)) {
            mustache::data row;
            row["version"] = entry.version;
            row["date"] = day_of(entry.bumped_at);
            row["text"] = entry.changelog.value_or("");
            changelog.push_back(row);
        }
        view["has_changelog"] = !changelog.empty();
        view["changelog"] = changelog;
        mustache::list variants;
        for (const auto& v : service_.variants(d.distribution_id)) {
            mustache::data row;
            row["href"] = distribution_href(v.distribution_id);
            row["title"] = v.title;
            row["slug"] = v.slug;
            variants.push_back(row);
        }
        view["has_variants"] = !variants.empty();
        view["variants"] = variants;
        view["id"] = d.distribution_id;
        view["action_base"] = distribution_href(d.distribution_id);
        view["heading"] = d.title;
        view["slug"] = d.slug;
        view["visibility"] = visibility_label(d.visibility);
        view["is_public"] = d.visibility == domain::Visibility::Public;
        view["version"] = d.version;
        view["public_href"] = course_path(d.slug);
        view["views"] = std::to_string(d.view_count);
        view["clicks"] = std::to_string(d.enrollment_count);
        return html(status, render("console_distribution.mustache", view));
    }

    // The stats of the last 7, 30 (the default) or 90 days (UTC), the chart and the referrers.
    void add_stats(mustache::data& view, const Request& req, const std::string& id) {
        int days = 30;
        if (auto asked = req.query_param("days"); asked == "7" || asked == "90")
            days = std::stoi(std::string(*asked));
        const double now = sessions_.now();
        domain::StatsParameters range{day_of(now - (days - 1) * 86400.0), day_of(now)};
        const auto stats = stats_.distribution(id, range);
        view["days"] = std::to_string(days);
        view["period_views"] = std::to_string(stats.totals.views);
        view["period_clicks"] = std::to_string(stats.totals.clicks);
        view["period_rate"] = rate(stats.totals.click_through_rate());
        view["chart"] = views_and_clicks_chart(
            stats.series, "Views and clicks per day, last " + std::to_string(days) + " days",
            "distribution-chart");
        mustache::list referrers;
        for (const auto& [name, count] : stats.views_by_referrer) {
            mustache::data row;
            row["name"] = name;
            row["count"] = std::to_string(count);
            referrers.push_back(row);
        }
        view["has_referrers"] = !referrers.empty();
        view["referrers"] = referrers;
    }

    static std::string errors_text(const domain::FieldErrors& errors) {
        std::string out;
        for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e.field + ": " + e.message;
        return out;
    }

    // --- sessions and checks ------------------------------------------------------------

    // Runs `make` for a signed-in request, or sends the browser to the sign-in.
    template <typename Make>
    Response page(const Request& req, Make&& make) {
        const auto signed_in = resume(req);
        if (!signed_in) return to_login(req);
        return answered(req, [&] { return make(*signed_in); });
    }

    // A state-changing request: same-origin, signed in, with its session's CSRF token;
    // refused (403) before anything changes otherwise.
    template <typename Make>
    Response post(const Request& req, Make&& make) {
        if (cross_site(req)) return refused("The request came from another site.");
        const auto signed_in = resume(req);
        if (!signed_in) return to_login(req);
        const auto fields = form_of(req);
        if (!domain::equal_constant_time(field(fields, "csrf"), signed_in->csrf))
            return refused(
                "The form has expired or did not come from this console. Reload the "
                "page and try again.");
        return answered(req, [&] { return make(*signed_in, fields); });
    }

    // Maps the service's refusals to console pages.
    template <typename Make>
    Response answered(const Request&, Make&& make) {
        try {
            return make();
        } catch (const service::NotFound&) {
            return message(404, "Not found", "There is no such distribution or webhook.");
        } catch (const service::Conflict& e) {
            return message(409, "Refused", e.what());
        }
    }

    std::optional<Signed> resume(const Request& req) {
        const auto value = session_value(req);
        if (value.empty()) return std::nullopt;
        const auto session = sessions_.resume(value, [this](std::string_view fingerprint) {
            return auth_.has_fingerprint(fingerprint);
        });
        if (!session) return std::nullopt;
        return Signed{domain::csrf_token(value)};
    }

    std::string session_value(const Request& req) const {
        auto header = req.header("cookie").value_or("");
        while (!header.empty()) {
            const auto end = header.find(';');
            auto pair = header.substr(0, end);
            while (pair.starts_with(' ')) pair.remove_prefix(1);
            const auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == cookie_name_)
                return std::string(pair.substr(eq + 1));
            if (end == std::string_view::npos) break;
            header.remove_prefix(end + 1);
        }
        return {};
    }

    // A browser's cross-site request (Sec-Fetch-Site), or an Origin that is neither the base
    // URL's nor the request's own Host. Without either header (a non-browser client) the CSRF
    // token alone decides.
    bool cross_site(const Request& req) const {
        if (auto site = req.header("sec-fetch-site");
            site && (*site == "cross-site" || *site == "same-site"))
            return true;
        const auto origin = req.header("origin");
        if (!origin) return false;
        if (*origin == base_origin_) return false;
        if (auto host = req.header("host")) {
            const auto scheme_end = origin->find("://");
            if (scheme_end != std::string_view::npos && origin->substr(scheme_end + 3) == *host)
                return false;
        }
        return true;
    }

    std::string cookie(const std::string& value, double max_age) const {
        std::string c = cookie_name_ + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
        c += "; Max-Age=" + std::to_string(static_cast<long long>(max_age));
        if (secure_) c += "; Secure";
        return c;
    }

    Response to_login(const Request& req) const {
        std::string next = req.method == "GET" ? req.target : std::string("/admin");
        return redirect("/admin/login?next=" + query_escape(next));
    }

    Response login_form(const Request& req, int status, std::optional<std::string> error) const {
        auto view = base_view("Sign in", std::nullopt);
        std::string next = "/admin";
        if (req.method == "POST") {
            next = field(form_of(req), "next");
        } else if (auto n = req.query_param("next")) {
            next = std::string(*n);
        }
        view["next"] = domain::is_local_path(next) ? next : std::string("/admin");
        if (error) view["error"] = *error;
        return html(status, render("console_login.mustache", view));
    }

    Response refused(const std::string& why) const { return message(403, "Refused", why); }

    Response message(int status, const std::string& heading, const std::string& text) const {
        auto view = base_view(heading, std::nullopt);
        view["heading"] = heading;
        view["message"] = text;
        view["back_href"] = "/admin";
        view["back_label"] = "Back to the dashboard";
        return html(status, render("console_message.mustache", view));
    }

    // --- rendering ------------------------------------------------------------------------

    mustache::data base_view(const std::string& title, const std::optional<Signed>& s) const {
        mustache::data view;
        view["title"] = title;
        view["signed_in"] = s.has_value();
        if (s) view["csrf"] = s->csrf;
        return view;
    }

    std::string render(std::string_view name, const mustache::data& view) const {
        return renderer_.templates().render(name, view);
    }

    static Response html(int status, std::string body) {
        return http::text_response(status, std::move(body), std::string(kHtml));
    }

    static Response asset(const std::string& body, std::string_view type) {
        return http::text_response(200, body, std::string(type));
    }

    static Response redirect(const std::string& location) {
        Response r;
        r.status = 303;
        r.set("Location", location);
        return r;
    }

    static bool is_console_path_text(std::string_view path) {
        return path == "/admin" || path.starts_with("/admin/") || path.starts_with("/admin?");
    }

    static Fields form_of(const Request& req) {
        Fields fields;
        if (auto decoded = http::decode_form(req.body))
            for (auto& [k, v] : *decoded) fields.emplace(std::move(k), std::move(v));
        return fields;
    }

    static std::string field(const Fields& fields, std::string_view name) {
        auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    }

    static std::optional<std::string> non_empty(std::optional<std::string_view> value) {
        if (!value || value->empty()) return std::nullopt;
        return std::string(*value);
    }

    static std::string visibility_label(domain::Visibility v) {
        switch (v) {
            case domain::Visibility::Public:
                return "Public";
            case domain::Visibility::Unlisted:
                return "Unlisted";
            case domain::Visibility::Private:
                break;
        }
        return "Private";
    }

    // A Unix time as UTC text in strftime's `format`.
    static std::string utc(double unix_seconds, const char* format) {
        const auto t = static_cast<std::time_t>(unix_seconds);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char text[32];
        std::strftime(text, sizeof text, format, &tm);
        return text;
    }
    static std::string day_of(double unix_seconds) { return utc(unix_seconds, "%Y-%m-%d"); }

    static std::optional<std::string> done_notice(std::string_view done) {
        if (done == "published") return "Published.";
        if (done == "unpublished") return "Unpublished.";
        if (done == "saved") return "Saved.";
        if (done == "created") return "Created.";
        if (done == "bumped") return "Version bumped.";
        if (done == "deleted") return "Deleted.";
        return std::nullopt;
    }

    static std::string list_href(const service::ListRequest& list) {
        std::string href = "/admin/distributions";
        char sep = '?';
        const auto add = [&](std::string_view name, const std::optional<std::string>& value) {
            if (!value) return;
            href += sep + std::string(name) + "=" + query_escape(*value);
            sep = '&';
        };
        add("q", list.q);
        add("language", list.language);
        add("target_group", list.target_group);
        if (list.visibility) add("visibility", std::string(domain::to_string(*list.visibility)));
        add("cursor", list.cursor);
        return href;
    }

    std::int64_t count_with(domain::Visibility v) {
        service::ListRequest list;
        list.catalog = false;
        list.visibility = v;
        list.limit = 100;
        std::int64_t count = 0;
        do {
            auto page = service_.list(list);
            count += static_cast<std::int64_t>(page.items.size());
            list.cursor = page.next_cursor;
        } while (list.cursor);
        return count;
    }

    static service::RequestContext context(const Request& req) { return {req.request_id, "admin"}; }

    service::DistributionService& service_;
    service::StatsService& stats_;
    service::AdminSessions& sessions_;
    service::WebhookService& webhooks_;
    const http::AdminAuth& auth_;
    const PageRenderer& renderer_;
    int page_size_;
    bool secure_;
    std::string cookie_name_;
    std::string base_origin_;
    std::string style_;
    std::string script_;
    domain::SignInThrottle throttle_;
};

}  // namespace

std::string console_cookie_name(std::string_view base_url) {
    std::string name(kCookieName);
    if (base_url.starts_with("https://")) name.insert(0, kSecurePrefix);
    return name;
}

void bind_console_routes(http::RouteHandlers& routes, ConsoleDependencies& deps) {
    auto console = std::make_shared<Console>(deps);
    routes.bind("consoleLoginPage", [console](const Request& req, const PathParams&) {
        return console->login_page(req);
    });
    routes.bind("consoleSignIn",
                [console](const Request& req, const PathParams&) { return console->sign_in(req); });
    routes.bind("consoleSignOut", [console](const Request& req, const PathParams&) {
        return console->sign_out(req);
    });
    routes.bind("consoleStyle",
                [console](const Request&, const PathParams&) { return console->style(); });
    routes.bind("consoleScript",
                [console](const Request&, const PathParams&) { return console->script(); });
    routes.bind("consoleDashboard", [console](const Request& req, const PathParams&) {
        return console->dashboard(req);
    });
    routes.bind("consoleDistributions", [console](const Request& req, const PathParams&) {
        return console->distributions(req);
    });
    routes.bind("consoleDistribution", [console](const Request& req, const PathParams& p) {
        return console->distribution(req, p.at("id"));
    });
    routes.bind("consoleNewDistribution", [console](const Request& req, const PathParams&) {
        return console->new_form(req);
    });
    routes.bind("consoleCreateDistribution",
                [console](const Request& req, const PathParams&) { return console->create(req); });
    routes.bind("consoleSaveDistribution", [console](const Request& req, const PathParams& p) {
        return console->save(req, p.at("id"));
    });
    routes.bind("consoleBumpVersion", [console](const Request& req, const PathParams& p) {
        return console->bump(req, p.at("id"));
    });
    routes.bind("consoleCreateVariant", [console](const Request& req, const PathParams& p) {
        return console->create_variant(req, p.at("id"));
    });
    routes.bind("consoleDelete", [console](const Request& req, const PathParams& p) {
        return console->remove(req, p.at("id"));
    });
    routes.bind("consoleEvents",
                [console](const Request& req, const PathParams&) { return console->events(req); });
    routes.bind("consoleWebhooks", [console](const Request& req, const PathParams&) {
        return console->webhooks(req);
    });
    routes.bind("consoleCreateWebhook", [console](const Request& req, const PathParams&) {
        return console->create_webhook(req);
    });
    routes.bind("consoleWebhook", [console](const Request& req, const PathParams& p) {
        return console->webhook(req, p.at("id"));
    });
    routes.bind("consoleRotateWebhook", [console](const Request& req, const PathParams& p) {
        return console->rotate_webhook(req, p.at("id"));
    });
    routes.bind("consoleDeleteWebhook", [console](const Request& req, const PathParams& p) {
        return console->delete_webhook(req, p.at("id"));
    });
    routes.bind("consolePublish", [console](const Request& req, const PathParams& p) {
        return console->publish(req, p.at("id"));
    });
    routes.bind("consoleUnpublish", [console](const Request& req, const PathParams& p) {
        return console->unpublish(req, p.at("id"));
    });
}

}  // namespace coursedist::web
