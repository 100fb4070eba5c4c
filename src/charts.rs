//! Charts drawn with text: a calendar heatmap, column and bar charts. Pure functions from
//! numbers to lines, in Unicode blocks or plain ASCII.

use crate::scheduler::StudyDay;
use chrono::Datelike;
use std::collections::HashMap;

/// Shades for 0 and for the four quarters of the busiest day.
const HEAT_UNICODE: [char; 5] = ['·', '░', '▒', '▓', '█'];
const HEAT_ASCII: [char; 5] = ['.', '-', '+', '*', '#'];
/// Eighths of a cell, for the tops of columns and the ends of bars.
const EIGHTHS_UP: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const EIGHTHS_RIGHT: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// Weeks shown in the year heatmap: 53 columns always cover the last 365 days.
const WEEKS: i64 = 53;

/// A year of daily counts as a calendar: one column per week (Monday on top), the last column
/// holding `today`, with month names above the weeks in which a month starts.
pub fn heatmap(counts: &HashMap<StudyDay, u32>, today: StudyDay, unicode: bool) -> Vec<String> {
    let shades = if unicode { HEAT_UNICODE } else { HEAT_ASCII };
    let weekday = i64::from(today.date().weekday().num_days_from_monday());
    let first_monday = i64::from(today.days_since_epoch()) - weekday - (WEEKS - 1) * 7;
    let busiest = counts.values().copied().max().unwrap_or(0);
    let day_at = |week: i64, row: i64| {
        StudyDay::from_days_since_epoch(i32::try_from(first_monday + week * 7 + row).unwrap_or(0))
    };

    let mut months = vec![' '; usize::try_from(WEEKS).unwrap_or(0) + 3];
    let mut previous_month = None;
    for week in 0..WEEKS {
        let date = day_at(week, 0).date();
        let month = date.month();
        if previous_month.is_some_and(|m| m != month) || (week == 0 && date.day() <= 7) {
            let name = date.format("%b").to_string();
            let start = usize::try_from(week).unwrap_or(0);
            if months[start..start + 3].iter().all(|c| *c == ' ')
                && (start == 0 || months[start - 1] == ' ')
            {
                for (offset, c) in name.chars().enumerate() {
                    months[start + offset] = c;
                }
            }
        }
        previous_month = Some(month);
    }
    let mut lines = vec![format!(
        "    {}",
        months.iter().collect::<String>().trim_end()
    )];
    for (row, label) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        let row = i64::try_from(row).unwrap_or(0);
        let cells: String = (0..WEEKS)
            .map(|week| {
                let day = day_at(week, row);
                if day > today {
                    return ' ';
                }
                let count = counts.get(&day).copied().unwrap_or(0);
                shades[heat_level(count, busiest)]
            })
            .collect();
        lines.push(format!("{label:<3} {}", cells.trim_end()));
    }
    lines
}

/// 0 for no reviews, else 1-4 by quarter of the busiest day's count.
fn heat_level(count: u32, busiest: u32) -> usize {
    if count == 0 || busiest == 0 {
        return 0;
    }
    let level = (u64::from(count) * 4).div_ceil(u64::from(busiest));
    usize::try_from(level.clamp(1, 4)).unwrap_or(4)
}

/// Columns two characters wide, `height` rows tall, scaled to the largest value, with a scale
/// on the left and `labels` (one per column, shown where they fit) below.
pub fn columns(values: &[u32], labels: &[String], height: u32, unicode: bool) -> Vec<String> {
    let largest = values.iter().copied().max().unwrap_or(0);
    let scale_width = largest.to_string().len();
    let mut lines = Vec::new();
    let eighths_total = u64::from(height) * 8;
    let filled: Vec<u64> = values
        .iter()
        .map(|v| {
            if largest == 0 {
                0
            } else {
                (u64::from(*v) * eighths_total + u64::from(largest) / 2) / u64::from(largest)
            }
        })
        .collect();
    for row in (0..u64::from(height)).rev() {
        let scale = if row + 1 == u64::from(height) {
            largest.to_string()
        } else if row == 0 {
            "0".to_string()
        } else {
            String::new()
        };
        let cells: String = filled
            .iter()
            .map(|eighths| {
                let in_row = eighths.saturating_sub(row * 8).min(8);
                let c = if unicode {
                    EIGHTHS_UP[usize::try_from(in_row).unwrap_or(0)]
                } else if in_row >= 4 {
                    '#'
                } else {
                    ' '
                };
                format!("{c}{c}")
            })
            .collect();
        let axis = if unicode { '│' } else { '|' };
        lines.push(format!("{scale:>scale_width$} {axis}{}", cells.trim_end()));
    }
    let (corner, rule) = if unicode { ('└', '─') } else { ('+', '-') };
    lines.push(format!(
        "{:>scale_width$} {corner}{}",
        "",
        rule.to_string().repeat(values.len() * 2)
    ));
    let mut label_line = vec![' '; values.len() * 2 + 1];
    for (index, label) in labels.iter().enumerate() {
        let start = index * 2;
        let end = start + label.chars().count();
        if end <= label_line.len()
            && label_line[start.saturating_sub(1)..end]
                .iter()
                .all(|c| *c == ' ')
        {
            for (offset, c) in label.chars().enumerate() {
                label_line[start + offset] = c;
            }
        }
    }
    lines.push(format!(
        "{:>scale_width$}  {}",
        "",
        label_line.iter().collect::<String>().trim_end()
    ));
    lines
}

/// One bar per row, `width` cells for the largest value, the count after the bar.
pub fn bars(rows: &[(String, u32)], width: u32, unicode: bool) -> Vec<String> {
    let largest = rows.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let label_width = rows
        .iter()
        .map(|(l, _)| crate::text::width(l))
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(label, value)| {
            let eighths = if largest == 0 {
                0
            } else {
                (u64::from(*value) * u64::from(width) * 8 + u64::from(largest) / 2)
                    / u64::from(largest)
            };
            let bar: String = if unicode {
                let full = usize::try_from(eighths / 8).unwrap_or(0);
                let part = usize::try_from(eighths % 8).unwrap_or(0);
                let mut bar = "█".repeat(full);
                if part > 0 {
                    bar.push(EIGHTHS_RIGHT[part]);
                }
                bar
            } else {
                "#".repeat(usize::try_from((eighths + 4) / 8).unwrap_or(0))
            };
            let axis = if unicode { '│' } else { '|' };
            format!(
                "{} {axis}{bar} {value}",
                crate::text::cell(label, label_width)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> StudyDay {
        StudyDay::from_date(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    #[test]
    fn heatmap_places_days_by_week_and_weekday() {
        // 2026-12-02 is a Wednesday: the last column ends there.
        let today = day(2026, 12, 2);
        let counts = HashMap::from([
            (day(2026, 12, 2), 8),  // busiest: level 4
            (day(2026, 12, 1), 2),  // Tuesday, 2/8 -> level 1
            (day(2026, 11, 30), 5), // Monday, 5/8 -> level 3
            (day(2026, 11, 26), 4), // Thursday of the week before, 4/8 -> level 2
        ]);
        let lines = heatmap(&counts, today, false);
        assert_eq!(lines.len(), 8);
        let last_two = |line: &str| line.chars().rev().take(2).collect::<Vec<_>>();
        // Rows: Mon, Tue, Wed, Thu, Fri, Sat, Sun; columns: ..., last week, this week.
        assert_eq!(last_two(&lines[1]), vec!['*', '.'], "Mon: {}", lines[1]);
        assert_eq!(last_two(&lines[2]), vec!['-', '.'], "Tue: {}", lines[2]);
        assert_eq!(last_two(&lines[3]), vec!['#', '.'], "Wed: {}", lines[3]);
        // Thursday of this week is in the future: that row ends a column earlier.
        assert!(lines[4].ends_with('+'), "Thu: {}", lines[4]);
        assert_eq!(lines[1].chars().count(), 4 + 53);
        assert!(lines[1].starts_with("Mon ...."), "{}", lines[1]);
        assert!(
            lines[0].contains("Dec") && lines[0].contains("Jan"),
            "{}",
            lines[0]
        );
        let unicode = heatmap(&counts, today, true);
        assert!(unicode[3].ends_with('█'), "{}", unicode[3]);
        assert!(unicode[1].starts_with("Mon ····"), "{}", unicode[1]);
    }

    #[test]
    fn columns_scale_to_the_largest_value() {
        let labels: Vec<String> = ["a", "", "c", ""].iter().map(|s| s.to_string()).collect();
        let lines = columns(&[4, 0, 2, 1], &labels, 2, false);
        assert_eq!(
            lines,
            vec![
                "4 |##".to_string(),
                "0 |##  ####".to_string(),
                "  +--------".to_string(),
                "   a   c".to_string(),
            ]
        );
        let unicode = columns(&[4, 0, 2, 1], &labels, 2, true);
        assert_eq!(unicode[0], "4 │██");
        assert_eq!(unicode[1], "0 │██  ██▄▄");
    }

    #[test]
    fn bars_end_in_eighths() {
        let rows = vec![
            ("one".to_string(), 8),
            ("half".to_string(), 4),
            ("x".to_string(), 1),
        ];
        assert_eq!(
            bars(&rows, 4, true),
            vec!["one  │████ 8", "half │██ 4", "x    │▌ 1"]
        );
        assert_eq!(
            bars(&rows, 4, false),
            vec!["one  |#### 8", "half |## 4", "x    |# 1"]
        );
    }
}
