"""A private iCalendar feed of the open next actions, for Google, Apple and Outlook calendars."""
