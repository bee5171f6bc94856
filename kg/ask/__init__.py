"""Name resolution and answers: turning what a user types into entities, and query rows into records."""
