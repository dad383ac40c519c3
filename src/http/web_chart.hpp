#pragma once
// The aging chart of the dashboard: bar geometry for a server-rendered inline SVG, plus
// the same numbers as table rows (the accessible twin of the picture).
#include <array>
#include <cstdint>
#include <string>

#include "domain/ledger.hpp"
#include "money/currency.hpp"

namespace kulanz::http {

inline constexpr int kChartWidth = 640;
inline constexpr int kChartHeight = 300;

struct AgingBar {
  std::string label;        // "1–30 Tage"
  std::string amount_text;  // "1.234,56 €"
  std::string count_text;   // "3"
  bool overdue = false;
  int x = 0, y = 0, width = 0, height = 0;  // bar rectangle in SVG user units
  int label_x = 0;                          // centre of the slot
  int value_y = 0;                          // baseline of the amount above the bar
};

// German label of a bucket ("Nicht fällig", "1–30 Tage", ..., "über 90 Tage").
std::string bucket_label(domain::AgingBucket bucket);
// Bars scaled so that the largest amount fills the plot height; zero amounts get no bar.
// Amounts are taken in `currency` (the aging of an empty portfolio may carry none).
std::array<AgingBar, domain::kAgingBucketCount> aging_bars(const domain::Aging& aging, money::Currency currency);

}  // namespace kulanz::http
