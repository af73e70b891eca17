-- One database per service: no service reads another's tables.
CREATE DATABASE referrals;
CREATE DATABASE commissions;
CREATE DATABASE notifier;
