"""The one error type for bad input files."""


class DataError(ValueError):
    """A raw file or its metadata is wrong. The message names file, row and column."""

    def __init__(self, file, problem, row=None, column=None):
        where = [str(file)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        self.file, self.row, self.column, self.problem = file, row, column, problem
        super().__init__(f"{', '.join(where)}: {problem}")
