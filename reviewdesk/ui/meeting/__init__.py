"""The meetings screen: schedule, attendance, agenda, findings and minutes."""
