//! SQLite conversions for the scheduler's value types.

use crate::scheduler::{EaseFactor, StudyDay};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

impl ToSql for StudyDay {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.days_since_epoch()))
    }
}

impl FromSql for StudyDay {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let days = i32::column_result(value)?;
        Ok(StudyDay::from_days_since_epoch(days))
    }
}

impl ToSql for EaseFactor {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.hundredths()))
    }
}

impl FromSql for EaseFactor {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let hundredths = i64::column_result(value)?;
        u32::try_from(hundredths)
            .map(EaseFactor::from_hundredths)
            .map_err(|_| FromSqlError::OutOfRange(hundredths))
    }
}
