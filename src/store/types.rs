//! SQLite conversions for the scheduler's value types: each is stored as the integer it wraps.

use crate::scheduler::{EaseFactor, StudyDay};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

impl ToSql for StudyDay {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.days_since_epoch()))
    }
}

impl FromSql for StudyDay {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i32::column_result(value).map(StudyDay::from_days_since_epoch)
    }
}

impl ToSql for EaseFactor {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.hundredths()))
    }
}

/// EF is stored in hundredths; a negative or oversized value is refused, not wrapped.
impl FromSql for EaseFactor {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let hundredths = i64::column_result(value)?;
        u32::try_from(hundredths)
            .map(EaseFactor::from_hundredths)
            .map_err(|_| FromSqlError::OutOfRange(hundredths))
    }
}
