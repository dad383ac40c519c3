#pragma once
// The layout measures of a letter on A4 portrait after DIN 5008, form B, in millimetres
// from the top-left corner of the page. The renderer and its tests use the same numbers.
namespace kulanz::documents::din5008 {

inline constexpr double page_width_mm = 210.0;
inline constexpr double page_height_mm = 297.0;
// The PDF media box of A4 in points, rounded to two decimals as PDF writers usually give it
// (210 mm = 595.2756 pt, 297 mm = 841.8898 pt).
inline constexpr double page_width_pt = 595.28;
inline constexpr double page_height_pt = 841.89;

// Text column of the body: 25 mm from the left edge, at least 20 mm from the right edge.
inline constexpr double text_left_mm = 25.0;
inline constexpr double text_right_mm = 190.0;

// Letterhead: logo top left, creditor name and address top right, above the address field.
inline constexpr double letterhead_top_mm = 10.0;
inline constexpr double letterhead_right_left_mm = 125.0;
inline constexpr double logo_max_width_mm = 80.0;
inline constexpr double logo_max_height_mm = 27.0;

// Address field (Anschriftfeld) for a window envelope: 20 mm from the left, 45 mm from the
// top, 85 x 45 mm. Its top 17.7 mm are the return-address zone (Zusatz- und Vermerkzone),
// the lower 27.3 mm the recipient zone (Anschriftzone, at most 6 lines). Text inside starts
// 5 mm in from the field's left edge.
inline constexpr double address_left_mm = 20.0;
inline constexpr double address_top_mm = 45.0;
inline constexpr double address_width_mm = 85.0;
inline constexpr double address_height_mm = 45.0;
inline constexpr double return_zone_height_mm = 17.7;
inline constexpr double recipient_zone_top_mm = address_top_mm + return_zone_height_mm;  // 62.7
inline constexpr double recipient_zone_height_mm = 27.3;
inline constexpr double address_inner_left_mm = 5.0;
inline constexpr int recipient_max_lines = 6;

// Information block (Informationsblock) right of the address field.
inline constexpr double info_left_mm = 125.0;
inline constexpr double info_top_mm = 50.0;
inline constexpr double info_label_width_mm = 32.0;

// Marks on the left edge: folding marks for a DL envelope and the punch (hole) mark.
inline constexpr double fold_mark_top_mm = 105.0;
inline constexpr double fold_mark_bottom_mm = 210.0;
inline constexpr double punch_mark_mm = 148.5;
inline constexpr double mark_left_mm = 4.0;
inline constexpr double fold_mark_length_mm = 5.0;
inline constexpr double punch_mark_length_mm = 7.0;

// Body: the subject starts two blank lines (2 x 4.23 mm) below the address field, or below
// the information block when that reaches further down. Continuation pages start at 20 mm.
inline constexpr double body_top_mm = address_top_mm + address_height_mm + 8.46;  // 98.46
inline constexpr double continuation_top_mm = 20.0;

// Footer: its last line ends 10 mm above the bottom edge.
inline constexpr double footer_bottom_mm = 287.0;

inline constexpr double points_per_mm = 72.0 / 25.4;
constexpr double to_points(double mm) { return mm * points_per_mm; }

}  // namespace kulanz::documents::din5008
