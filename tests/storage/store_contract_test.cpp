// The contract of storage::Store (see store.hpp), run by every backend (see store_contract.hpp).

#include "store_contract.hpp"

#include "domain/unicode.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <thread>
#include <vector>

namespace coursedist::storage::testing {
namespace {

using domain::Distribution;
using domain::Visibility;

std::string id_of(int n) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "dist_%016x", n);
    return buffer;
}

// A distribution with every field set (optional ones included).
Distribution full_distribution(int n) {
    Distribution d;
    d.distribution_id = id_of(n);
    d.course_id = "course-" + std::to_string(n);
    d.slug = "groesse-uebermass-" + std::to_string(n);
    d.language = "de-DE";
    d.title = "Größe & Übermaß für Anfänger — 日本語 🎓 #" + std::to_string(n);
    d.description =
        "Eine ausführliche Beschreibung mit Ümlauten, \"Anführungszeichen\", \\Backslash\\ und "
        "Emoji 🚀, lang genug.";
    d.target_group = {"Einsteiger", "Fortgeschrittene 🧑‍🎓"};
    d.version = "v3";
    d.derived_from = std::nullopt;
    d.seo.meta_title = "Größe & Übermaß";
    d.seo.meta_description = "Meta description with ünïcödé and enough length to be valid here.";
    d.seo.keywords = {"größe", "übermaß", "kurs"};
    d.seo.og_image_url = "https://example.com/og/größe.png";
    d.seo.hreflang_alternates = {{"de", "https://example.com/de/kurs"},
                                 {"en", "https://example.com/en/course"}};
    d.cta.label = "Jetzt starten";
    d.cta.action = domain::CtaAction::Custom;
    d.cta.url = "https://example.com/start?x=1&y=2";
    d.visibility = Visibility::Public;
    d.published_at = 1700000000.123456 + n;
    d.staging_url = "https://staging.example.com/" + std::to_string(n);
    d.staging_deployed_at = "2024-01-02T03:04:05Z";
    d.outline.modules = {
        domain::Module{"m1", "Einführung", "Grundlagen — Teil 1", 3, 45},
        domain::Module{"m2", "Vertiefung", "Praxis", 5, 120},
    };
    d.outline.prerequisites = {"Neugier"};
    d.outline.learning_outcomes = {"Verstehen", "Anwenden"};
    d.view_count = 7;
    d.enrollment_count = 3;
    d.created_at = 1690000000.654321 + n;
    d.updated_at = 1690000100.5 + n;
    return d;
}

// A distribution with every optional field empty or null.
Distribution minimal_distribution(int n) {
    Distribution d;
    d.distribution_id = id_of(n);
    d.course_id = "course-" + std::to_string(n);
    d.slug = "plain-course-" + std::to_string(n);
    d.language = "en";
    d.title = "Plain course number " + std::to_string(n);
    d.description = "A plain description that is long enough for the model's fifty chars.";
    d.seo.meta_title = "Plain course";
    d.seo.meta_description = "Plain description";
    d.cta.label = "Start now";
    d.created_at = 1600000000 + n;
    d.updated_at = d.created_at;
    return d;
}

// Builds a ListQuery (designated initializers would leave -Wmissing-field-initializers noise).
struct Query {
    ListQuery q;
    Query& catalog() {
        q.catalog = true;
        return *this;
    }
    Query& language(std::string v) {
        q.language = std::move(v);
        return *this;
    }
    Query& target_group(std::string v) {
        q.target_group = std::move(v);
        return *this;
    }
    Query& text(std::string v) {
        q.text = std::move(v);
        return *this;
    }
    Query& visibility(Visibility v) {
        q.visibility = v;
        return *this;
    }
    Query& limit(int v) {
        q.limit = v;
        return *this;
    }
    operator ListQuery() const { return q; }
};

void insert_committed(Store& store, const std::vector<Distribution>& ds) {
    auto tx = store.begin_write();
    for (const auto& d : ds) tx->insert(d);
    tx->commit();
}

std::optional<Distribution> find(Store& store, const std::string& id) {
    return store.begin_read()->find(id);
}

OutboxEvent outbox_event(int n) {
    OutboxEvent e;
    e.event_id = "00000000-0000-4000-8000-" + std::to_string(100000000000 + n);
    e.event_type = "distribution.created";
    e.envelope_json = R"({"id":")" + e.event_id + R"(","payload":{"n":)" + std::to_string(n) + "}}";
    e.created_at = 1700000000 + n;
    return e;
}

// --- migrations ---------------------------------------------------------------------------------

TEST_P(StoreContractTest, MigrateIsIdempotent) {
    auto store = GetParam().make();
    EXPECT_EQ(store->schema_version(), 0);
    store->migrate();
    const int version = store->schema_version();
    EXPECT_GT(version, 0);
    insert_committed(*store, {minimal_distribution(1)});
    store->migrate();
    store->migrate();
    EXPECT_EQ(store->schema_version(), version);
    EXPECT_TRUE(find(*store, id_of(1)).has_value());
}

TEST_P(StoreContractTest, PingAndBackendName) {
    EXPECT_TRUE(store_->ping());
    EXPECT_FALSE(store_->backend_name().empty());
}

// --- round trip ---------------------------------------------------------------------------------

TEST_P(StoreContractTest, RoundTripsEveryField) {
    Distribution parent = full_distribution(1);
    Distribution child = full_distribution(2);
    child.derived_from = parent.distribution_id;
    Distribution bare = minimal_distribution(3);
    insert_committed(*store_, {parent, child, bare});

    auto tx = store_->begin_read();
    for (const auto& d : {parent, child, bare}) {
        auto by_id = tx->find(d.distribution_id);
        ASSERT_TRUE(by_id.has_value()) << d.distribution_id;
        EXPECT_EQ(*by_id, d);
        auto by_slug = tx->find_by_slug(d.slug);
        ASSERT_TRUE(by_slug.has_value()) << d.slug;
        EXPECT_EQ(*by_slug, d);
    }
    EXPECT_FALSE(tx->find("dist_ffffffffffffffff").has_value());
    EXPECT_FALSE(tx->find_by_slug("no-such-slug").has_value());
    EXPECT_TRUE(tx->slug_exists(parent.slug));
    EXPECT_FALSE(tx->slug_exists("no-such-slug"));
}

// Every query that returns distributions reads all their columns.
TEST_P(StoreContractTest, EveryReadReturnsWholeDistributions) {
    Distribution parent = full_distribution(1);
    Distribution child = full_distribution(2);
    child.course_id = parent.course_id;
    child.derived_from = parent.distribution_id;
    child.visibility = Visibility::Unlisted;
    insert_committed(*store_, {parent, child});

    auto tx = store_->begin_read();
    EXPECT_EQ(tx->find_original(parent.course_id), parent);
    EXPECT_EQ(tx->find_by_course(parent.course_id), (std::vector<Distribution>{parent, child}));
    EXPECT_EQ(tx->variants_of(parent.distribution_id), std::vector<Distribution>{child});
    EXPECT_EQ(tx->list(Query().catalog()).items, std::vector<Distribution>{parent});
    EXPECT_EQ(tx->list(Query()).items, (std::vector<Distribution>{child, parent}));
}

TEST_P(StoreContractTest, UpdateWritesFieldsButNotCountersOrCreatedAt) {
    Distribution d = minimal_distribution(1);
    insert_committed(*store_, {d});
    {
        auto tx = store_->begin_write();
        ASSERT_EQ(tx->increment(Counter::Views, d.distribution_id)->view_count, 1);
        tx->commit();
    }
    Distribution changed = full_distribution(1);
    changed.created_at = 1;
    changed.view_count = 999;
    changed.enrollment_count = 999;
    {
        auto tx = store_->begin_write();
        tx->update(changed);
        tx->commit();
    }
    Distribution expected = changed;
    expected.created_at = d.created_at;
    expected.view_count = 1;
    expected.enrollment_count = 0;
    EXPECT_EQ(find(*store_, d.distribution_id), expected);
    // The old slug names no distribution but stays taken (an old slug of this one, see
    // ARenameKeepsTheOldSlugForItsDistribution); the new one is found.
    auto tx = store_->begin_read();
    EXPECT_FALSE(tx->find_by_slug(d.slug).has_value());
    EXPECT_TRUE(tx->slug_exists(d.slug));
    EXPECT_TRUE(tx->find_by_slug(changed.slug).has_value());
}

TEST_P(StoreContractTest, UpdateOfUnknownIdThrows) {
    auto tx = store_->begin_write();
    EXPECT_THROW(tx->update(minimal_distribution(9)), std::runtime_error);
}

// --- slug uniqueness ----------------------------------------------------------------------------

TEST_P(StoreContractTest, DuplicateSlugOnInsertThrowsSlugTaken) {
    insert_committed(*store_, {minimal_distribution(1)});
    Distribution clash = minimal_distribution(2);
    clash.slug = minimal_distribution(1).slug;
    auto tx = store_->begin_write();
    try {
        tx->insert(clash);
        FAIL() << "expected SlugTaken";
    } catch (const SlugTaken& e) {
        EXPECT_EQ(e.slug(), clash.slug);
    }
    // The transaction is still usable after the refused statement.
    tx->insert(minimal_distribution(3));
    tx->commit();
    EXPECT_FALSE(find(*store_, id_of(2)).has_value());
    EXPECT_TRUE(find(*store_, id_of(3)).has_value());
}

TEST_P(StoreContractTest, UpdateToTakenSlugThrowsSlugTaken) {
    insert_committed(*store_, {minimal_distribution(1), minimal_distribution(2)});
    Distribution d = minimal_distribution(2);
    d.slug = minimal_distribution(1).slug;
    auto tx = store_->begin_write();
    try {
        tx->update(d);
        FAIL() << "expected SlugTaken";
    } catch (const SlugTaken& e) {
        EXPECT_EQ(e.slug(), d.slug);
    }
}

TEST_P(StoreContractTest, DuplicateIdIsNotSlugTaken) {
    insert_committed(*store_, {minimal_distribution(1)});
    Distribution same_id = minimal_distribution(1);
    same_id.slug = "another-slug";
    auto tx = store_->begin_write();
    try {
        tx->insert(same_id);
        FAIL() << "expected an error";
    } catch (const SlugTaken&) {
        FAIL() << "a duplicate id is not a taken slug";
    } catch (const StorageUnavailable&) {
        FAIL() << "a duplicate id is not unavailability";
    } catch (const std::runtime_error&) {
    }
}

// --- transactions -------------------------------------------------------------------------------

TEST_P(StoreContractTest, UncommittedWriteIsRolledBack) {
    {
        auto tx = store_->begin_write();
        tx->insert(minimal_distribution(1));
        tx->append_outbox(outbox_event(1));
        EXPECT_TRUE(tx->find(id_of(1)).has_value());
    }
    EXPECT_FALSE(find(*store_, id_of(1)).has_value());
    EXPECT_EQ(store_->begin_read()->outbox_backlog(), 0);
    // The connection went back to the pool in a usable state.
    insert_committed(*store_, {minimal_distribution(1)});
    EXPECT_TRUE(find(*store_, id_of(1)).has_value());
}

TEST_P(StoreContractTest, ManyTransactionsReuseConnections) {
    for (int i = 0; i < 50; ++i) {
        auto tx = store_->begin_read();
        EXPECT_EQ(tx->count_public(), 0);
    }
    for (int i = 0; i < 20; ++i) {
        auto tx = store_->begin_write();
        tx->insert(minimal_distribution(i));
        if (i % 2 == 0) tx->commit();
    }
    auto page = store_->begin_read()->list(Query().limit(100));
    EXPECT_EQ(page.items.size(), 10u);
}

// --- listing ------------------------------------------------------------------------------------

// 25 rows: every third private, every fifth unlisted, the others public; published_at and
// created_at with ties (to exercise the distribution_id tie-break); two languages; target groups.
std::vector<Distribution> seed_listing(Store& store) {
    std::vector<Distribution> rows;
    for (int n = 1; n <= 25; ++n) {
        Distribution d = minimal_distribution(n);
        d.language = n % 2 == 0 ? "de" : "en";
        d.target_group = n % 4 == 0 ? std::vector<std::string>{"kids", "adults"}
                                    : std::vector<std::string>{"adults"};
        d.created_at = 1600000000 + (n % 7) * 10;
        if (n % 3 == 0) {
            d.visibility = Visibility::Private;
            if (n % 2 == 0) d.published_at = 1650000000;  // published once, unpublished
        } else if (n % 5 == 0) {
            d.visibility = Visibility::Unlisted;
        } else {
            d.visibility = Visibility::Public;
            d.published_at = 1700000000 + (n % 4) * 100;
        }
        rows.push_back(d);
    }
    insert_committed(store, rows);
    return rows;
}

std::vector<Distribution> expected(const std::vector<Distribution>& rows, bool catalog,
                                   const std::function<bool(const Distribution&)>& keep) {
    std::vector<Distribution> out;
    for (const auto& d : rows) {
        if (catalog && (d.visibility != Visibility::Public || !d.published_at)) continue;
        if (keep(d)) out.push_back(d);
    }
    auto key = [&](const Distribution& d) { return catalog ? *d.published_at : d.created_at; };
    std::sort(out.begin(), out.end(), [&](const Distribution& a, const Distribution& b) {
        if (key(a) != key(b)) return key(a) > key(b);
        return a.distribution_id > b.distribution_id;
    });
    return out;
}

bool keep_all(const Distribution&) {
    return true;
}

// Every page of the query, following `next`; checks each page's size and cursor.
std::vector<Distribution> all_pages(Store& store, ListQuery query) {
    std::vector<Distribution> out;
    auto tx = store.begin_read();
    for (int guard = 0; guard < 100; ++guard) {
        ListPage page = tx->list(query);
        EXPECT_LE(static_cast<int>(page.items.size()), query.limit);
        out.insert(out.end(), page.items.begin(), page.items.end());
        if (!page.next) break;
        EXPECT_EQ(static_cast<int>(page.items.size()), query.limit);
        const auto& last = page.items.back();
        EXPECT_EQ(page.next->distribution_id, last.distribution_id);
        EXPECT_EQ(page.next->sort_key, query.catalog ? last.published_at.value() : last.created_at);
        query.after = page.next;
    }
    return out;
}

std::vector<std::string> ids(const std::vector<Distribution>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.distribution_id);
    return out;
}

TEST_P(StoreContractTest, ListingCatalogIsPublicAndPublishedNewestFirstAcrossPages) {
    auto rows = seed_listing(*store_);
    auto want = expected(rows, true, keep_all);
    ASSERT_GT(want.size(), 7u);
    for (int limit : {1, 4, 7, 50}) {
        EXPECT_EQ(ids(all_pages(*store_, Query().catalog().limit(limit))), ids(want))
            << "limit " << limit;
    }
    EXPECT_EQ(store_->begin_read()->count_public(), static_cast<std::int64_t>(want.size()));
}

TEST_P(StoreContractTest, ListingAdminListIsEveryVisibilityByCreatedAt) {
    auto rows = seed_listing(*store_);
    auto want = expected(rows, false, keep_all);
    EXPECT_EQ(want.size(), 25u);
    EXPECT_EQ(ids(all_pages(*store_, Query().limit(6))), ids(want));
    auto priv = expected(rows, false,
                         [](const Distribution& d) { return d.visibility == Visibility::Private; });
    EXPECT_EQ(ids(all_pages(*store_, Query().visibility(Visibility::Private).limit(3))), ids(priv));
}

TEST_P(StoreContractTest, ListingExactPageBoundaryHasNoNext) {
    auto rows = seed_listing(*store_);
    auto want = expected(rows, true, keep_all);
    auto page = store_->begin_read()->list(Query().catalog().limit(int(want.size())));
    EXPECT_EQ(page.items.size(), want.size());
    EXPECT_FALSE(page.next.has_value());
}

TEST_P(StoreContractTest, ListingFiltersByLanguageTargetGroupAndText) {
    auto rows = seed_listing(*store_);
    EXPECT_EQ(ids(all_pages(*store_, Query().catalog().language("de").limit(2))),
              ids(expected(rows, true, [](const Distribution& d) { return d.language == "de"; })));
    EXPECT_EQ(ids(all_pages(*store_, Query().language("en").target_group("kids").limit(2))),
              ids(expected(rows, false, [](const Distribution& d) {
                  return d.language == "en" &&
                         std::find(d.target_group.begin(), d.target_group.end(), "kids") !=
                             d.target_group.end();
              })));
    EXPECT_TRUE(store_->begin_read()->list(Query().target_group("kid")).items.empty());
    // Text: a substring of title + "\n" + description.
    EXPECT_EQ(ids(all_pages(*store_, Query().text("number 1").limit(3))),
              ids(expected(rows, false, [](const Distribution& d) {
                  return d.title.find("number 1") != std::string::npos;
              })));
    EXPECT_EQ(store_->begin_read()->list(Query().text("number 12\na plain")).items.size(), 1u);
}

TEST_P(StoreContractTest, TextSearchIsCaseFoldedAndTreatsWildcardsLiterally) {
    Distribution a = minimal_distribution(1);
    a.title = "Größe & Übermaß 100% sicher";
    Distribution b = minimal_distribution(2);
    b.title = "Snake_case und Prozente";
    Distribution c = minimal_distribution(3);
    c.title = "Tausend Prozent sicher, snakeXcase";
    insert_committed(*store_, {a, b, c});
    auto tx = store_->begin_read();
    auto search = [&](std::string text) {
        std::vector<std::string> out;
        for (const auto& d : tx->list(Query().text(domain::fold_case(text))).items) {
            out.push_back(d.distribution_id);
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    EXPECT_EQ(search("GRÖßE"), std::vector<std::string>{id_of(1)});
    EXPECT_EQ(search("ÜBERMAß 100"), std::vector<std::string>{id_of(1)});
    EXPECT_EQ(search("übermaß"), std::vector<std::string>{id_of(1)});
    EXPECT_EQ(search("0% s"), std::vector<std::string>{id_of(1)});
    EXPECT_EQ(search("%"), std::vector<std::string>{id_of(1)});
    EXPECT_EQ(search("snake_case"), std::vector<std::string>{id_of(2)});
    EXPECT_EQ(search("_"), std::vector<std::string>{id_of(2)});
    EXPECT_EQ(search("sicher"), (std::vector<std::string>{id_of(1), id_of(3)}));
    EXPECT_TRUE(search("\\").empty());
}

TEST_P(StoreContractTest, SearchTextFollowsUpdates) {
    Distribution d = minimal_distribution(1);
    insert_committed(*store_, {d});
    d.title = "Completely different heading";
    {
        auto tx = store_->begin_write();
        tx->update(d);
        tx->commit();
    }
    auto tx = store_->begin_read();
    EXPECT_TRUE(tx->list(Query().text("plain course")).items.empty());
    EXPECT_EQ(tx->list(Query().text("different")).items.size(), 1u);
}

// --- course relations ---------------------------------------------------------------------------

TEST_P(StoreContractTest, OriginalVariantsAndCourse) {
    Distribution original = minimal_distribution(1);
    original.course_id = "course-x";
    Distribution v1 = minimal_distribution(2);
    v1.course_id = "course-x";
    v1.derived_from = original.distribution_id;
    v1.created_at = original.created_at + 10;
    Distribution v2 = minimal_distribution(3);
    v2.course_id = "course-x";
    v2.derived_from = original.distribution_id;
    v2.created_at = original.created_at + 20;
    Distribution other = minimal_distribution(4);
    insert_committed(*store_, {original, v1, v2, other});

    auto tx = store_->begin_read();
    EXPECT_EQ(tx->find_original("course-x"), original);
    EXPECT_FALSE(tx->find_original("course-none").has_value());
    auto variants = tx->variants_of(original.distribution_id);
    ASSERT_EQ(variants.size(), 2u);
    EXPECT_EQ(variants[0].distribution_id, v1.distribution_id);
    EXPECT_EQ(variants[1].distribution_id, v2.distribution_id);
    EXPECT_TRUE(tx->variants_of(v1.distribution_id).empty());
    auto course = tx->find_by_course("course-x");
    ASSERT_EQ(course.size(), 3u);
    EXPECT_EQ(course[0].distribution_id, original.distribution_id);
    EXPECT_TRUE(tx->find_by_course("course-none").empty());
}

TEST_P(StoreContractTest, OnlyVariantsOfACourseMeansNoOriginal) {
    Distribution parent = minimal_distribution(1);
    Distribution variant = minimal_distribution(2);
    variant.course_id = "course-y";
    variant.derived_from = parent.distribution_id;
    insert_committed(*store_, {parent, variant});
    EXPECT_FALSE(store_->begin_read()->find_original("course-y").has_value());
}

// --- remove -------------------------------------------------------------------------------------

TEST_P(StoreContractTest, RemoveRefusesParentsAndTakesChangelogAlong) {
    Distribution parent = minimal_distribution(1);
    Distribution variant = minimal_distribution(2);
    variant.derived_from = parent.distribution_id;
    insert_committed(*store_, {parent, variant});
    {
        auto tx = store_->begin_write();
        tx->add_changelog(variant.distribution_id, {"v2", "second", 10});
        tx->commit();
    }
    {
        auto tx = store_->begin_write();
        EXPECT_FALSE(tx->remove("dist_ffffffffffffffff"));
        EXPECT_THROW(tx->remove(parent.distribution_id), std::runtime_error);
        // The refusal leaves the transaction usable.
        EXPECT_TRUE(tx->remove(variant.distribution_id));
        EXPECT_TRUE(tx->changelog(variant.distribution_id).empty());
        EXPECT_TRUE(tx->remove(parent.distribution_id));
        tx->commit();
    }
    auto tx = store_->begin_read();
    EXPECT_FALSE(tx->find(parent.distribution_id).has_value());
    EXPECT_FALSE(tx->slug_exists(parent.slug));
}

// --- counters -----------------------------------------------------------------------------------

TEST_P(StoreContractTest, CountersIncrementWithoutTouchingUpdatedAt) {
    Distribution d = minimal_distribution(1);
    insert_committed(*store_, {d});
    auto tx = store_->begin_write();
    const auto counted = [&](std::int64_t views, std::int64_t enrollments) {
        return CounterUpdate{d.distribution_id, d.slug, views, enrollments};
    };
    EXPECT_EQ(tx->increment(Counter::Views, d.distribution_id), counted(1, 0));
    EXPECT_EQ(tx->increment(Counter::Views, d.distribution_id), counted(2, 0));
    EXPECT_EQ(tx->increment(Counter::Enrollments, d.distribution_id), counted(2, 1));
    EXPECT_EQ(tx->increment(Counter::Views, "dist_ffffffffffffffff"), std::nullopt);
    EXPECT_EQ(tx->increment(Counter::Enrollments, "dist_ffffffffffffffff"), std::nullopt);
    tx->commit();
    auto stored = find(*store_, d.distribution_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->view_count, 2);
    EXPECT_EQ(stored->enrollment_count, 1);
    EXPECT_EQ(stored->updated_at, d.updated_at);
}

TEST_P(StoreContractTest, ReadableIncrementsCountOnlyPublicAndUnlistedBySlug) {
    Distribution shown = minimal_distribution(1);
    shown.visibility = Visibility::Public;
    Distribution unlisted = minimal_distribution(2);
    unlisted.visibility = Visibility::Unlisted;
    Distribution hidden = minimal_distribution(3);
    hidden.visibility = Visibility::Private;
    insert_committed(*store_, {shown, unlisted, hidden});
    auto tx = store_->begin_write();
    EXPECT_EQ(tx->increment_readable(Counter::Views, shown.slug),
              (CounterUpdate{shown.distribution_id, shown.slug, 1, 0}));
    EXPECT_EQ(tx->increment_readable(Counter::Enrollments, shown.slug),
              (CounterUpdate{shown.distribution_id, shown.slug, 1, 1}));
    EXPECT_EQ(tx->increment_readable(Counter::Enrollments, unlisted.slug),
              (CounterUpdate{unlisted.distribution_id, unlisted.slug, 0, 1}));
    EXPECT_EQ(tx->increment_readable(Counter::Views, hidden.slug), std::nullopt);
    EXPECT_EQ(tx->increment_readable(Counter::Enrollments, hidden.slug), std::nullopt);
    EXPECT_EQ(tx->increment_readable(Counter::Views, "no-such-slug"), std::nullopt);
    tx->commit();
    EXPECT_EQ(find(*store_, hidden.distribution_id)->view_count, 0);
    EXPECT_EQ(find(*store_, hidden.distribution_id)->enrollment_count, 0);
}

TEST_P(StoreContractTest, CountersAreExactUnderConcurrency) {
    Distribution d = minimal_distribution(1);
    insert_committed(*store_, {d});
    constexpr int kThreads = 8;
    constexpr int kPerThread = 250;
    std::vector<std::vector<std::int64_t>> seen(kThreads);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                try {
                    auto tx = store_->begin_write();
                    auto views = tx->increment(Counter::Views, d.distribution_id);
                    auto both = tx->increment(Counter::Enrollments, d.distribution_id);
                    tx->commit();
                    if (!views || !both || both->view_count != both->enrollment_count) ++failures;
                    if (views) seen[t].push_back(views->view_count);
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    auto stored = find(*store_, d.distribution_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->view_count, kThreads * kPerThread);
    EXPECT_EQ(stored->enrollment_count, kThreads * kPerThread);
    // Every intermediate value was returned exactly once.
    std::set<std::int64_t> all;
    for (const auto& values : seen) all.insert(values.begin(), values.end());
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
    EXPECT_EQ(*all.begin(), 1);
    EXPECT_EQ(*all.rbegin(), kThreads * kPerThread);
}

// --- changelog ----------------------------------------------------------------------------------

TEST_P(StoreContractTest, ChangelogInBumpOrder) {
    insert_committed(*store_, {minimal_distribution(1), minimal_distribution(2)});
    {
        auto tx = store_->begin_write();
        tx->add_changelog(id_of(1), {"v2", "Zweite Fassung ✨", 200});
        tx->add_changelog(id_of(1), {"v3", std::nullopt, 300});
        tx->add_changelog(id_of(1), {"v4", "same time, later row", 300});
        tx->add_changelog(id_of(2), {"v2", "other", 100});
        tx->commit();
    }
    auto entries = store_->begin_read()->changelog(id_of(1));
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].version, "v2");
    EXPECT_EQ(entries[0].changelog, "Zweite Fassung ✨");
    EXPECT_EQ(entries[0].bumped_at, 200);
    EXPECT_EQ(entries[1].version, "v3");
    EXPECT_EQ(entries[1].changelog, std::nullopt);
    EXPECT_EQ(entries[2].version, "v4");
    EXPECT_TRUE(store_->begin_read()->changelog("dist_ffffffffffffffff").empty());
}

// --- outbox -------------------------------------------------------------------------------------

TEST_P(StoreContractTest, OutboxOrderPublishPruneBacklog) {
    std::vector<std::int64_t> seqs;
    {
        auto tx = store_->begin_write();
        for (int n = 1; n <= 3; ++n) seqs.push_back(tx->append_outbox(outbox_event(n)));
        tx->commit();
    }
    {
        auto tx = store_->begin_write();
        for (int n = 4; n <= 6; ++n) seqs.push_back(tx->append_outbox(outbox_event(n)));
        tx->commit();
    }
    for (std::size_t i = 1; i < seqs.size(); ++i) EXPECT_GT(seqs[i], seqs[i - 1]);

    {
        auto tx = store_->begin_read();
        auto all = tx->outbox_after(0, 100);
        ASSERT_EQ(all.size(), 6u);
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_EQ(all[i].seq, seqs[i]);
            auto e = outbox_event(static_cast<int>(i) + 1);
            EXPECT_EQ(all[i].event_id, e.event_id);
            EXPECT_EQ(all[i].event_type, e.event_type);
            EXPECT_EQ(all[i].envelope_json, e.envelope_json);
            EXPECT_EQ(all[i].created_at, e.created_at);
        }
        auto page = tx->outbox_after(seqs[1], 2);
        ASSERT_EQ(page.size(), 2u);
        EXPECT_EQ(page[0].seq, seqs[2]);
        EXPECT_EQ(page[1].seq, seqs[3]);
        EXPECT_EQ(tx->outbox_backlog(), 6);
        auto unpublished = tx->unpublished_outbox(4);
        ASSERT_EQ(unpublished.size(), 4u);
        EXPECT_EQ(unpublished[0].seq, seqs[0]);
    }
    {
        auto tx = store_->begin_write();
        tx->mark_published({seqs[0], seqs[1], seqs[3]}, 1000);
        tx->mark_published({seqs[2]}, 2000);
        tx->commit();
    }
    {
        auto tx = store_->begin_write();
        EXPECT_EQ(tx->outbox_backlog(), 2);
        auto unpublished = tx->unpublished_outbox(10);
        ASSERT_EQ(unpublished.size(), 2u);
        EXPECT_EQ(unpublished[0].seq, seqs[4]);
        EXPECT_EQ(unpublished[1].seq, seqs[5]);
        EXPECT_EQ(tx->prune_published(1000), 0);  // strictly older
        EXPECT_EQ(tx->prune_published(1500), 3);
        EXPECT_EQ(tx->outbox_after(0, 100).size(), 3u);
        EXPECT_EQ(tx->outbox_backlog(), 2);
        tx->commit();
    }
    // Seqs keep increasing after pruning, even past pruned rows.
    {
        auto tx = store_->begin_write();
        tx->mark_published({seqs[4], seqs[5]}, 1100);
        EXPECT_EQ(tx->prune_published(5000), 3);
        auto next = tx->append_outbox(outbox_event(7));
        EXPECT_GT(next, seqs.back());
        tx->commit();
    }
    EXPECT_EQ(store_->begin_read()->outbox_backlog(), 1);
}

// Embedded mode's event log: only rows created before the cut, oldest first, at most `limit` per
// call, published or not; a later row still gets a higher seq than any pruned one.
TEST_P(StoreContractTest, EventLogPrunesOldestFirstAndNeverReusesSeqs) {
    std::vector<std::int64_t> seqs;
    {
        auto tx = store_->begin_write();
        for (int n = 1; n <= 5; ++n) seqs.push_back(tx->append_outbox(outbox_event(n)));
        tx->mark_published({seqs[0]}, 1700000100);
        tx->commit();
    }
    const double before_fourth = 1700000004;  // rows 1..3 are older
    {
        auto tx = store_->begin_write();
        EXPECT_EQ(tx->prune_event_log(before_fourth, 2), 2);
        EXPECT_EQ(tx->prune_event_log(before_fourth, 2), 1);
        EXPECT_EQ(tx->prune_event_log(before_fourth, 2), 0);
        tx->commit();
    }
    {
        auto tx = store_->begin_read();
        auto left = tx->outbox_after(0, 100);
        ASSERT_EQ(left.size(), 2u);
        EXPECT_EQ(left[0].seq, seqs[3]);
        EXPECT_EQ(left[1].seq, seqs[4]);
    }
    {
        auto tx = store_->begin_write();
        EXPECT_EQ(tx->prune_event_log(1800000000, 100), 2);
        EXPECT_GT(tx->append_outbox(outbox_event(6)), seqs.back());
        tx->commit();
    }
}

TEST_P(StoreContractTest, OutboxRollsBackWithItsChange) {
    {
        auto tx = store_->begin_write();
        tx->insert(minimal_distribution(1));
        tx->append_outbox(outbox_event(1));
    }
    auto tx = store_->begin_read();
    EXPECT_TRUE(tx->outbox_after(0, 10).empty());
    EXPECT_EQ(tx->outbox_backlog(), 0);
}

// --- slugs (spec/seo-lifecycle.md) --------------------------------------------------------------

void rename_committed(Store& store, const std::string& id, const std::string& slug, double at) {
    auto tx = store.begin_write();
    auto d = *tx->find(id);
    d.slug = slug;
    d.updated_at = at;
    tx->update(d);
    tx->commit();
}

TEST_P(StoreContractTest, ARenameKeepsTheOldSlugForItsDistribution) {
    auto d = minimal_distribution(1);
    insert_committed(*store_, {d});
    {
        auto tx = store_->begin_read();
        EXPECT_EQ(tx->find_slug(d.slug), (SlugRecord{d.slug, d.distribution_id, d.updated_at}));
        EXPECT_TRUE(tx->old_slugs(d.distribution_id).empty());
    }
    rename_committed(*store_, d.distribution_id, "second-slug", 1700000001);
    rename_committed(*store_, d.distribution_id, "third-slug", 1700000002);
    auto tx = store_->begin_read();
    EXPECT_EQ(tx->old_slugs(d.distribution_id),
              (std::vector<SlugRecord>{{"second-slug", d.distribution_id, 1700000002},
                                       {d.slug, d.distribution_id, 1700000001}}));
    EXPECT_TRUE(tx->slug_exists(d.slug));
    EXPECT_TRUE(tx->slug_exists("second-slug"));
    EXPECT_TRUE(tx->slug_exists("third-slug"));
    EXPECT_FALSE(tx->find_by_slug(d.slug).has_value());
    EXPECT_EQ(tx->find_slug("third-slug")->changed_at, 1700000002);
}

TEST_P(StoreContractTest, RenamingBackMakesTheOldSlugCurrent) {
    auto d = minimal_distribution(1);
    insert_committed(*store_, {d});
    rename_committed(*store_, d.distribution_id, "second-slug", 1700000001);
    rename_committed(*store_, d.distribution_id, d.slug, 1700000002);
    auto tx = store_->begin_read();
    EXPECT_EQ(tx->old_slugs(d.distribution_id),
              (std::vector<SlugRecord>{{"second-slug", d.distribution_id, 1700000002}}));
    EXPECT_EQ(tx->find_by_slug(d.slug)->distribution_id, d.distribution_id);
}

TEST_P(StoreContractTest, AnOldSlugIsRefusedToAnotherDistributionUntilReleased) {
    auto a = minimal_distribution(1);
    auto b = minimal_distribution(2);
    insert_committed(*store_, {a, b});
    const auto old_slug = a.slug;
    rename_committed(*store_, a.distribution_id, "new-slug", 1700000001);
    {
        auto tx = store_->begin_write();
        auto taking = b;
        taking.slug = old_slug;
        EXPECT_THROW(tx->update(taking), SlugTaken);
        auto c = minimal_distribution(3);
        c.slug = old_slug;
        EXPECT_THROW(tx->insert(c), SlugTaken);
    }
    {
        auto tx = store_->begin_write();
        EXPECT_FALSE(tx->release_slug(b.distribution_id, old_slug));    // not b's
        EXPECT_FALSE(tx->release_slug(a.distribution_id, "new-slug"));  // a's current slug
        EXPECT_TRUE(tx->release_slug(a.distribution_id, old_slug));
        EXPECT_FALSE(tx->release_slug(a.distribution_id, old_slug));
        tx->commit();
    }
    EXPECT_FALSE(store_->begin_read()->slug_exists(old_slug));
    rename_committed(*store_, b.distribution_id, old_slug, 1700000002);
    auto tx = store_->begin_read();
    EXPECT_EQ(tx->find_by_slug(old_slug)->distribution_id, b.distribution_id);
    EXPECT_TRUE(tx->old_slugs(a.distribution_id).empty());
    EXPECT_EQ(tx->old_slugs(b.distribution_id).size(), 1u);
}

TEST_P(StoreContractTest, ADeletedDistributionLeavesTombstonesAnotherMayTake) {
    auto a = minimal_distribution(1);
    insert_committed(*store_, {a});
    rename_committed(*store_, a.distribution_id, "new-slug", 1700000001);
    {
        auto tx = store_->begin_write();
        ASSERT_TRUE(tx->remove(a.distribution_id));
        tx->commit();
    }
    {
        auto tx = store_->begin_read();
        for (const auto& slug : {a.slug, std::string("new-slug")}) {
            auto tombstone = tx->find_slug(slug);
            ASSERT_TRUE(tombstone) << slug;
            EXPECT_TRUE(tombstone->deleted);
            EXPECT_EQ(tombstone->distribution_id, a.distribution_id);
            EXPECT_FALSE(tx->slug_exists(slug)) << "a tombstone does not take the slug";
        }
    }
    auto b = minimal_distribution(2);
    b.slug = "new-slug";
    insert_committed(*store_, {b});
    auto tx = store_->begin_read();
    EXPECT_EQ(tx->find_slug("new-slug"), (SlugRecord{"new-slug", b.distribution_id, b.updated_at}));
    EXPECT_TRUE(tx->find_slug(a.slug)->deleted);
}

// --- processed events ---------------------------------------------------------------------------

TEST_P(StoreContractTest, RecordProcessedDeduplicates) {
    ProcessedEvent e;
    e.subscriber_name = "distribution_consumer";
    e.stream_name = "brain:events:stream";
    e.stream_message_id = "1700000000000-0";
    e.event_id = "11111111-1111-4111-8111-111111111111";
    e.event_type = "course.generation.completed";
    e.processed_at = 1700000000.5;
    e.tenant_id = "tenant-a";
    e.metadata_json = R"({"error":"missing field"})";
    {
        auto tx = store_->begin_write();
        EXPECT_TRUE(tx->record_processed(e));
        EXPECT_FALSE(tx->record_processed(e));
        tx->commit();
    }
    auto tx = store_->begin_write();
    EXPECT_FALSE(tx->record_processed(e));
    ProcessedEvent other_subscriber = e;
    other_subscriber.subscriber_name = "someone_else";
    other_subscriber.tenant_id = std::nullopt;
    EXPECT_TRUE(tx->record_processed(other_subscriber));
    ProcessedEvent other_message = e;
    other_message.stream_message_id = "1700000000000-1";
    EXPECT_TRUE(tx->record_processed(other_message));
    tx->commit();
}

// The admin console's sessions (migration 8): stored by hash, touched, pruned, removed.
TEST_P(StoreContractTest, AdminSessionsRoundTripTouchPruneAndRemove) {
    const domain::AdminSession a{"hash-a", "fingerprint-1", 1000.5, 1000.5};
    const domain::AdminSession b{"hash-b", "fingerprint-2", 2000, 2500};
    {
        auto tx = store_->begin_write();
        tx->insert_admin_session(a);
        tx->insert_admin_session(b);
        tx->commit();
    }
    {
        auto tx = store_->begin_write();
        EXPECT_EQ(tx->find_admin_session("hash-a"), a);
        EXPECT_EQ(tx->find_admin_session("hash-b"), b);
        EXPECT_FALSE(tx->find_admin_session("hash-c").has_value());
        tx->touch_admin_session("hash-a", 3000);
        tx->commit();
    }
    {
        auto tx = store_->begin_write();
        EXPECT_EQ(tx->find_admin_session("hash-a")->last_seen_at, 3000);
        // Only b was last seen before 2600; neither was created before 900.
        EXPECT_EQ(tx->prune_admin_sessions(2400, 900), 0);
        EXPECT_EQ(tx->prune_admin_sessions(2600, 900), 1);
        EXPECT_FALSE(tx->find_admin_session("hash-b").has_value());
        EXPECT_TRUE(tx->remove_admin_session("hash-a"));
        EXPECT_FALSE(tx->remove_admin_session("hash-a"));
        tx->commit();
    }
    EXPECT_FALSE(store_->begin_read()->find_admin_session("hash-a").has_value());
}

}  // namespace
}  // namespace coursedist::storage::testing
