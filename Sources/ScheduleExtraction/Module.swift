// The ScheduleExtraction module; its owner replaces this file.
