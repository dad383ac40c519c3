#include "services/import_service.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

#include "importers/id_map.hpp"
#include "importers/record_parser.hpp"
#include "services/allocation_service.hpp"

namespace kulanz::services {
namespace {

using base::ErrorCode;
using importers::RecordKind;

// Serves an in-memory list (API batches) through the streaming interface.
class VectorSource final : public importers::RecordSource {
 public:
  explicit VectorSource(const std::vector<importers::RawRecord>& records) : records_(records) {}
  void rewind() override { next_ = 0; }
  base::Result<bool> next(importers::RawRecord& record) override {
    if (next_ >= records_.size()) return false;
    record = records_[next_++];
    return true;
  }
  const std::optional<base::Error>& record_error() const override { return none_; }
  std::size_t bytes_done() const override { return next_; }
  std::size_t bytes_total() const override { return records_.size(); }
  std::string column_label(std::string_view canonical_name) const override { return std::string(canonical_name); }
  std::string_view raw_record() const override { return {}; }

 private:
  const std::vector<importers::RawRecord>& records_;
  std::size_t next_ = 0;
  std::optional<base::Error> none_;
};

// Everything both passes need: the parse buffers and what the database already holds.
class Importer {
 public:
  Importer(ports::LedgerStore& store, const ImportOptions& options) : store_(store), options_(options) {}

  base::Status load_context() {
    auto creditor = store_.find_creditor(std::to_string(options_.creditor.value));
    if (!creditor) return base::fail(std::move(creditor).error());
    if (!*creditor) return base::fail(ErrorCode::creditor_unknown, "creditor " + std::to_string(options_.creditor.value) + " does not exist");
    ctx_.default_currency = (*creditor)->currency;
    ctx_.decimal_style = options_.decimal_style;
    if (options_.kind != RecordKind::customer) {
      auto ids = store_.customer_ids(options_.creditor);
      if (!ids) return base::fail(std::move(ids).error());
      customers_.reserve(ids->size());
      for (const auto& [external_id, id] : *ids) customers_.try_emplace(external_id, id);
    }
    if (options_.kind == RecordKind::credit_note) {
      auto ids = store_.invoice_ids(options_.creditor);
      if (!ids) return base::fail(std::move(ids).error());
      invoices_.reserve(ids->size());
      for (const auto& [external_id, id] : *ids) invoices_.try_emplace(external_id, id);
    }
    return {};
  }

  void expect_records(std::size_t n) { seen_.reserve(std::min<std::size_t>(n, 1u << 24)); }

  // First pass: true when the record is valid; otherwise its problems are in `errors`.
  bool validate(const importers::RawRecord& r, std::vector<base::Error>& errors) {
    bool ok = parse(r, errors);
    const std::string& external_id = current_external_id();
    if (!external_id.empty()) {
      auto [first, inserted] = seen_.try_emplace(external_id, 0);
      if (inserted) *first = compact_location(r.location);
      if (!inserted) {
        base::Error e(ErrorCode::import_duplicate_key,
                      "'" + external_id + "' appears more than once in the file (first at " + location_of(*first) +
                          "); each record needs its own external id",
                      r.get("external_id") || options_.kind == RecordKind::customer || options_.kind == RecordKind::payment
                          ? "external_id"
                          : "number");
        e.location = r.location;
        errors.push_back(std::move(e));
        ok = false;
      }
    }
    if (options_.kind != RecordKind::customer && !customer_ref_.empty() && !customers_.find(customer_ref_)) {
      base::Error e(ErrorCode::import_reference_unknown,
                    "customer '" + customer_ref_ + "' does not exist for this creditor (import the customers first)",
                    "customer_external_id");
      e.location = r.location;
      errors.push_back(std::move(e));
      ok = false;
    }
    if (options_.kind == RecordKind::credit_note && !credit_note_.invoice_external_id.empty() &&
        !invoices_.find(credit_note_.invoice_external_id)) {
      base::Error e(ErrorCode::import_reference_unknown,
                    "invoice '" + credit_note_.invoice_external_id + "' does not exist for this creditor (import the invoices first)",
                    "invoice_external_id");
      e.location = r.location;
      errors.push_back(std::move(e));
      ok = false;
    }
    if (keeping_) {
      if (ok) {
        keep_invoice(r.location);
      } else if (!options_.skip_invalid) {
        release_kept();  // nothing will be written
      }
    }
    return ok;
  }

  // Invoices are written in batches (the store's multi-row path). When the file is not
  // huge, the first pass keeps the parsed invoices, so that the second pass does not read
  // and parse the file again.
  bool batches_invoices() const { return options_.kind == RecordKind::invoice; }
  void keep_invoices(std::size_t file_bytes) {
    keeping_ = batches_invoices() && !options_.dry_run && file_bytes <= kKeepUpToBytes;
    if (keeping_) {
      const std::size_t expected = file_bytes / 48 + 1;
      kept_.reserve(expected);
      kept_locations_.reserve(expected);
    }
  }
  bool kept() const { return keeping_; }
  std::size_t kept_count() const { return kept_.size(); }

  // Second pass over the kept invoices: writes kept rows [from, to).
  base::Status write_kept(std::size_t from, std::size_t to, ImportReport& report) {
    batch_.clear();
    batch_.insert(batch_.end(), std::make_move_iterator(kept_.begin() + static_cast<std::ptrdiff_t>(from)),
                  std::make_move_iterator(kept_.begin() + static_cast<std::ptrdiff_t>(to)));
    batch_locations_.clear();
    batch_kept_from_ = from;  // locations are looked up only for an error
    auto st = flush_batch(report);
    batch_kept_from_ = kNotKept;
    return st;
  }
  void release_kept() {
    keeping_ = false;
    std::vector<domain::Invoice>().swap(kept_);
    std::vector<std::uint32_t>().swap(kept_locations_);
  }

  // Second pass without kept invoices: parses one validated invoice into the batch;
  // writes the batch when it is full.
  base::Status add_to_batch(const importers::RawRecord& r, ImportReport& report) {
    scratch_.clear();
    if (!parse(r, scratch_)) {
      return base::fail(ErrorCode::internal, "record " + r.location + " changed between validation and writing");
    }
    auto& i = invoice_.invoice;
    i.creditor_id = options_.creditor;
    i.customer_id = *customers_.find(invoice_.customer_external_id);
    batch_.push_back(i);
    batch_locations_.push_back(r.location);
    if (batch_.size() >= kWriteBatch) return flush_batch(report);
    return {};
  }

  base::Status flush_batch(ImportReport& report) {
    if (batch_.empty()) return {};
    auto outcomes = store_.upsert_invoices(options_.creditor, batch_);
    if (!outcomes) return base::fail(locate(std::move(outcomes).error()));
    for (std::size_t k = 0; k < batch_.size(); ++k) {
      const auto outcome = (*outcomes)[k];
      count(outcome, report);
      note_change(batch_[k].customer_id, outcome);
    }
    batch_.clear();
    batch_locations_.clear();
    return {};
  }

  static void count(ports::UpsertOutcome outcome, ImportReport& report) {
    switch (outcome) {
      case ports::UpsertOutcome::inserted: ++report.inserted; break;
      case ports::UpsertOutcome::updated: ++report.updated; break;
      case ports::UpsertOutcome::unchanged: ++report.unchanged; break;
    }
  }

  static constexpr std::size_t kWriteBatch = 4096;  // a multiple of the store's rows per INSERT
  // A kept invoice takes about 200 bytes of memory for about 55 bytes of file: up to
  // 128 MiB of file (about 2.4 million invoices, 500 MB) they are kept, larger files are
  // read and parsed again in the second pass.
  static constexpr std::size_t kKeepUpToBytes = std::size_t{128} << 20;

  // Locations of first occurrences, compactly: "NAME:LINE" with the source's common NAME
  // is kept as LINE; anything else (API batch locations) goes to a side list.
  static constexpr std::uint32_t kSideList = 0x80000000u;
  std::uint32_t compact_location(const std::string& location) {
    auto colon = location.rfind(':');
    if (colon != std::string::npos && colon + 1 < location.size() && location.size() - colon <= 10) {
      std::uint32_t line = 0;
      bool digits = true;
      for (std::size_t k = colon + 1; k < location.size(); ++k) {
        const char c = location[k];
        if (c < '0' || c > '9') { digits = false; break; }
        line = line * 10 + static_cast<std::uint32_t>(c - '0');
      }
      const std::string_view name(location.data(), colon);
      if (digits && line < kSideList) {
        if (location_name_.empty()) location_name_ = name;
        if (name == location_name_) return line;
      }
    }
    other_locations_.push_back(location);
    return kSideList | static_cast<std::uint32_t>(other_locations_.size() - 1);
  }
  std::string location_of(std::uint32_t compact) const {
    if (compact & kSideList) return other_locations_[compact & ~kSideList];
    return location_name_ + ":" + std::to_string(compact);
  }

  // Second pass: writes one record that passed validation.
  base::Result<ports::UpsertOutcome> write(const importers::RawRecord& r) {
    scratch_.clear();
    if (!parse(r, scratch_)) {
      return base::fail(ErrorCode::internal, "record " + r.location + " changed between validation and writing");
    }
    const domain::CreditorId cr = options_.creditor;
    switch (options_.kind) {
      case RecordKind::customer: {
        customer_.customer.creditor_id = cr;
        return store_.upsert_customer(cr, customer_.customer);
      }
      case RecordKind::invoice: {
        auto& i = invoice_.invoice;
        i.creditor_id = cr;
        i.customer_id = *customers_.find(invoice_.customer_external_id);
        return track(i.customer_id, store_.upsert_invoice(cr, i));
      }
      case RecordKind::credit_note: {
        auto& n = credit_note_.credit_note;
        n.creditor_id = cr;
        n.customer_id = *customers_.find(credit_note_.customer_external_id);
        if (!credit_note_.invoice_external_id.empty()) n.invoice_id = *invoices_.find(credit_note_.invoice_external_id);
        return track(n.customer_id, store_.upsert_credit_note(cr, n));
      }
      case RecordKind::payment: {
        auto& p = payment_.payment;
        p.creditor_id = cr;
        p.customer_id = *customers_.find(payment_.customer_external_id);
        return track(p.customer_id, store_.upsert_payment(cr, p));
      }
    }
    return base::fail(ErrorCode::internal, "unknown record kind");
  }

  // Re-applies payments and credit notes of the customers whose records changed.
  base::Status reallocate_changed() {
    if (changed_customers_.empty()) return {};
    std::sort(changed_customers_.begin(), changed_customers_.end());
    changed_customers_.erase(std::unique(changed_customers_.begin(), changed_customers_.end()), changed_customers_.end());
    std::vector<domain::CustomerId> customers;
    if (options_.kind == RecordKind::invoice) {
      // A new or changed invoice only matters where money is waiting to be applied.
      auto waiting = store_.customers_with_unapplied(options_.creditor);
      if (!waiting) return base::fail(std::move(waiting).error());
      for (auto id : *waiting) {
        if (std::binary_search(changed_customers_.begin(), changed_customers_.end(), id)) customers.push_back(id);
      }
      std::sort(customers.begin(), customers.end());
    } else {
      customers = changed_customers_;
    }
    if (customers.empty()) return {};
    auto n = reallocate(store_, options_.creditor, customers);
    if (!n) return base::fail(std::move(n).error());
    return {};
  }

 private:
  bool parse(const importers::RawRecord& r, std::vector<base::Error>& errors) {
    switch (options_.kind) {
      case RecordKind::customer: customer_ref_.clear(); return importers::parse_customer(r, ctx_, customer_, errors);
      case RecordKind::invoice: {
        bool ok = importers::parse_invoice(r, ctx_, invoice_, errors);
        customer_ref_ = invoice_.customer_external_id;
        return ok;
      }
      case RecordKind::credit_note: {
        bool ok = importers::parse_credit_note(r, ctx_, credit_note_, errors);
        customer_ref_ = credit_note_.customer_external_id;
        return ok;
      }
      case RecordKind::payment: {
        bool ok = importers::parse_payment(r, ctx_, payment_, errors);
        customer_ref_ = payment_.customer_external_id;
        return ok;
      }
    }
    return false;
  }

  const std::string& current_external_id() const {
    switch (options_.kind) {
      case RecordKind::customer: return customer_.customer.external_id;
      case RecordKind::invoice: return invoice_.invoice.external_id;
      case RecordKind::credit_note: return credit_note_.credit_note.external_id;
      case RecordKind::payment: return payment_.payment.external_id;
    }
    return customer_.customer.external_id;
  }

  base::Result<ports::UpsertOutcome> track(domain::CustomerId customer, base::Result<ports::UpsertOutcome> outcome) {
    if (outcome) note_change(customer, *outcome);
    return outcome;
  }
  void note_change(domain::CustomerId customer, ports::UpsertOutcome outcome) {
    if (outcome != ports::UpsertOutcome::unchanged && (changed_customers_.empty() || changed_customers_.back() != customer)) {
      changed_customers_.push_back(customer);
    }
  }

  void keep_invoice(const std::string& location) {
    kept_.push_back(invoice_.invoice);
    domain::Invoice& i = kept_.back();
    i.creditor_id = options_.creditor;
    i.customer_id = *customers_.find(invoice_.customer_external_id);
    kept_locations_.push_back(compact_location(location));
  }

  // A store error of a batch names the invoice ("invoice 'ID' ...") but carries no
  // location: it gets the location of that record, as a single write would.
  base::Error locate(base::Error e) const {
    if (!e.location.empty() || batch_.empty()) return e;
    std::size_t found = batch_.size();
    for (std::size_t k = 0; k < batch_.size() && found == batch_.size(); ++k) {
      const std::string needle = "invoice '" + batch_[k].external_id + "'";
      if (e.detail.find(needle) != std::string::npos) found = k;
    }
    if (found == batch_.size()) found = 0;
    e.location = batch_kept_from_ != kNotKept ? location_of(kept_locations_[batch_kept_from_ + found]) : batch_locations_[found];
    return e;
  }

  ports::LedgerStore& store_;
  const ImportOptions& options_;
  importers::ParseContext ctx_;
  importers::IdMap<domain::CustomerId> customers_;
  importers::IdMap<domain::InvoiceId> invoices_;
  importers::IdMap<std::uint32_t> seen_;  // external id -> compact location of its first record
  std::string location_name_;
  std::vector<std::string> other_locations_;
  std::vector<domain::CustomerId> changed_customers_;  // in write order, consecutive repeats dropped
  std::string customer_ref_;
  importers::ParsedCustomer customer_;
  importers::ParsedInvoice invoice_;
  importers::ParsedCreditNote credit_note_;
  importers::ParsedPayment payment_;
  std::vector<base::Error> scratch_;
  bool keeping_ = false;
  std::vector<domain::Invoice> kept_;           // valid invoices of the first pass, in file order
  std::vector<std::uint32_t> kept_locations_;   // their compact locations
  std::vector<domain::Invoice> batch_;          // the next invoices to write
  std::vector<std::string> batch_locations_;     // their locations, unless they are kept invoices
  static constexpr std::size_t kNotKept = static_cast<std::size_t>(-1);
  std::size_t batch_kept_from_ = kNotKept;       // else: kept_[batch_kept_from_] is batch_[0]
};

constexpr std::int64_t kProgressEvery = 4096;
constexpr std::size_t kProgressRows = static_cast<std::size_t>(kProgressEvery);

}  // namespace

base::Result<ImportReport> import_records(ports::LedgerStore& store, const ImportOptions& options,
                                          importers::RecordSource& source, const ProgressFn& progress) {
  ImportReport report;
  Importer importer(store, options);
  KULANZ_TRY_STATUS(importer.load_context());
  importer.expect_records(source.bytes_total() / 48);
  importer.keep_invoices(source.bytes_total());

  const auto total = static_cast<std::int64_t>(source.bytes_total());
  auto tick = [&](std::int64_t pass) {
    if (progress) progress(pass * total + static_cast<std::int64_t>(source.bytes_done()), 2 * total);
  };

  // Pass 1: validate everything; remember which records are rejected (by ordinal).
  std::vector<bool> rejected;
  std::vector<std::size_t> kept_bytes;  // bytes read when (k + 1) * kProgressEvery invoices were kept
  importers::RawRecord record;
  std::vector<base::Error> errors;
  source.rewind();
  for (;;) {
    auto got = source.next(record);
    if (!got) return base::fail(std::move(got).error());
    if (!*got) break;
    errors.clear();
    const std::size_t kept_before = importer.kept_count();
    bool ok;
    if (const auto& broken = source.record_error()) {
      errors.push_back(*broken);
      ok = false;
    } else {
      ok = importer.validate(record, errors);
    }
    rejected.push_back(!ok);
    if (!ok) report.rejected.push_back(RejectedRecord{record.location, errors});
    if (importer.kept_count() != kept_before && importer.kept_count() % kProgressRows == 0) {
      kept_bytes.push_back(source.bytes_done());
    }
    if (++report.records % kProgressEvery == 0) tick(0);
  }
  tick(0);
  if ((!report.rejected.empty() && !options.skip_invalid) || options.dry_run) {
    if (progress) progress(2 * total, 2 * total);
    return report;
  }

  // Pass 2: write the valid records in one transaction, then re-apply payments.
  auto st = ports::in_transaction(store, [&]() -> base::Status {
    if (importer.kept()) {
      const std::size_t n = importer.kept_count();
      for (std::size_t from = 0; from < n; from += kProgressRows) {
        const std::size_t to = std::min(n, from + kProgressRows);
        KULANZ_TRY_STATUS(importer.write_kept(from, to, report));
        if (progress) {
          const std::size_t mark = to / kProgressRows;  // kept_bytes[mark - 1] was taken after kept row `to`
          const bool marked = to % kProgressRows == 0 && mark - 1 < kept_bytes.size();
          const std::size_t done = marked ? kept_bytes[mark - 1] : source.bytes_total();
          progress(total + static_cast<std::int64_t>(done), 2 * total);
        }
      }
      importer.release_kept();
      return importer.reallocate_changed();
    }
    source.rewind();
    std::size_t ordinal = 0;
    for (;;) {
      auto got = source.next(record);
      if (!got) return base::fail(std::move(got).error());
      if (!*got) break;
      const bool skip = ordinal < rejected.size() && rejected[ordinal];
      ++ordinal;
      if (skip) continue;
      if (importer.batches_invoices()) {
        KULANZ_TRY_STATUS(importer.add_to_batch(record, report));
        if (static_cast<std::int64_t>(ordinal) % kProgressEvery == 0) tick(1);
        continue;
      }
      auto outcome = importer.write(record);
      if (!outcome) {
        base::Error e = std::move(outcome).error();
        if (e.location.empty()) e.location = record.location;
        return base::fail(std::move(e));
      }
      switch (*outcome) {
        case ports::UpsertOutcome::inserted: ++report.inserted; break;
        case ports::UpsertOutcome::updated: ++report.updated; break;
        case ports::UpsertOutcome::unchanged: ++report.unchanged; break;
      }
      if (static_cast<std::int64_t>(ordinal) % kProgressEvery == 0) tick(1);
    }
    KULANZ_TRY_STATUS(importer.flush_batch(report));
    return importer.reallocate_changed();
  });
  if (!st) return base::fail(std::move(st).error());
  report.written = true;
  if (progress) progress(2 * total, 2 * total);
  return report;
}

base::Result<ImportReport> import_records(ports::LedgerStore& store, const ImportOptions& options,
                                          const std::vector<importers::RawRecord>& records, const ProgressFn& progress) {
  VectorSource source(records);
  return import_records(store, options, source, progress);
}

}  // namespace kulanz::services
